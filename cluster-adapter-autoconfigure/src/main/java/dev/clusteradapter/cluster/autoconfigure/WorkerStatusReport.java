package dev.clusteradapter.cluster.autoconfigure;

import java.util.Map;

import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.namespace.Namespace;
import dev.clusteradapter.cluster.WorkerStatus;
import dev.clusteradapter.cluster.adapter.RequestTotals;
import dev.clusteradapter.cluster.server.ClusteredSocketIOServer;

/**
 * What a worker's heartbeat reports of its Socket.IO server.
 */
final class WorkerStatusReport {

	private static final long PID = ProcessHandle.current().pid();

	private WorkerStatusReport() {
	}

	static WorkerStatus of(SocketIOServer server, String handoverAddress, RequestTotals requests) {
		int port = (server instanceof ClusteredSocketIOServer clusterServer) ? clusterServer.getPort() : 0;
		int rooms = 0;
		for (SocketIONamespace namespace : server.getAllNamespaces()) {
			if (namespace instanceof Namespace local) {
				rooms += local.getRooms().size();
			}
		}
		return new WorkerStatus(PID, Math.max(port, 0), handoverAddress, server.getAllClients().size(), rooms,
				(requests != null) ? requests.snapshot() : Map.of());
	}

}

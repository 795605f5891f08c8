package dev.clusteradapter.cluster.autoconfigure;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.SocketIOServer;
import dev.clusteradapter.cluster.WorkerStatus;
import dev.clusteradapter.cluster.adapter.RequestTotals;
import dev.clusteradapter.cluster.server.ClusteredSocketIONamespace;
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
		return new WorkerStatus(PID, Math.max(port, 0), handoverAddress, server.getAllClients().size(), rooms(server),
				(requests != null) ? requests.snapshot() : Map.of());
	}

	/**
	 * Rooms this worker's own clients are in, over every namespace. netty-socketio's room
	 * table also holds the members of other workers (joined over IPC), and the room named
	 * after the namespace that every client is in: neither is counted.
	 */
	static int rooms(SocketIOServer server) {
		int rooms = 0;
		for (SocketIONamespace namespace : server.getAllNamespaces()) {
			SocketIONamespace local = (namespace instanceof ClusteredSocketIONamespace view) ? view.namespace()
					: namespace;
			Set<String> joined = new HashSet<>();
			for (SocketIOClient client : local.getAllClients()) {
				joined.addAll(client.getAllRooms());
			}
			joined.remove(local.getName());
			rooms += joined.size();
		}
		return rooms;
	}

}

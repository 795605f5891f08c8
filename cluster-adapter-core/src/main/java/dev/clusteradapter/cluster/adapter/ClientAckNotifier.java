package dev.clusteradapter.cluster.adapter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.corundumstudio.socketio.SocketIOClient;

import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketDescription;

/**
 * Turns an {@link AckCollection}'s socket ids back into clients for a
 * {@link ClientAckListener}: this node's own clients as asked, other nodes' as
 * {@link RemoteSocket}s with the rooms this node knows of.
 */
final class ClientAckNotifier implements AckCollection.Observer {

	private final ClusterAdapter adapter;

	private final String nsp;

	private final ClientAckListener listener;

	private final Map<String, SocketIOClient> localClients = new ConcurrentHashMap<>();

	ClientAckNotifier(ClusterAdapter adapter, String nsp, ClientAckListener listener) {
		this.adapter = adapter;
		this.nsp = nsp;
		this.listener = listener;
	}

	/**
	 * Registers this node's clients before they are asked.
	 * @param clients the clients
	 * @param socketIds their Socket.IO ids, in the same order
	 */
	void asking(List<SocketIOClient> clients, List<String> socketIds) {
		for (int i = 0; i < clients.size(); i++) {
			this.localClients.put(socketIds.get(i), clients.get(i));
		}
	}

	@Override
	public void answered(int node, String socketId, Object response) {
		SocketIOClient client = local(node, socketId);
		if (client != null) {
			this.listener.answered(client, response);
		}
		else {
			this.listener.answered(remote(node, socketId), response);
		}
	}

	@Override
	public void missed(int node, String socketId) {
		SocketIOClient client = local(node, socketId);
		if (client != null) {
			this.listener.missed(client);
		}
		else {
			this.listener.missed(remote(node, socketId));
		}
	}

	@Override
	public void settled(boolean everyClientAnswered) {
		this.listener.settled(everyClientAnswered);
	}

	private SocketIOClient local(int node, String socketId) {
		return (node == this.adapter.nodeId()) ? this.localClients.get(socketId) : null;
	}

	private RemoteSocket remote(int node, String socketId) {
		List<String> rooms = this.adapter.memberships().rooms(node, this.nsp, socketId);
		return RemoteSocket.of(this.adapter, node, this.nsp, new SocketDescription(socketId, rooms, null, null));
	}

}

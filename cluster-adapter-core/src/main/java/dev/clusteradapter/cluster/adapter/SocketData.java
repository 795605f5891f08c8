package dev.clusteradapter.cluster.adapter;

import java.util.Map;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.transport.NamespaceClient;

/**
 * The {@code data} of a local socket, as socket.io's {@code socket.data}: the entries set with
 * {@link SocketIOClient#set(String, Object)}. Other nodes see them in fetched sockets, so values
 * should be JSON-friendly (maps, lists, strings, numbers, records).
 */
public final class SocketData {

	private SocketData() {
	}

	/**
	 * Data of a client served by a server using {@link ClusterStoreFactory}.
	 * @param client the client
	 * @return a read-only view of its entries (empty if its store is not the cluster's)
	 */
	public static Map<String, Object> of(SocketIOClient client) {
		SessionStore store = storeOf(client);
		return (store != null) ? store.entries() : Map.of();
	}

	static SessionStore storeOf(SocketIOClient client) {
		if (client instanceof NamespaceClient namespaceClient
				&& namespaceClient.getBaseClient().getStore() instanceof SessionStore store) {
			return store;
		}
		return null;
	}

}

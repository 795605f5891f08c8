package dev.clusteradapter.cluster.autoconfigure;

import com.corundumstudio.socketio.SocketIOServer;

/**
 * Callback that customizes the netty-socketio server before it starts: the place to add
 * listeners and namespaces. Called only in processes that serve clients (workers and
 * standalone), so the same application code runs unchanged on the primary.
 */
@FunctionalInterface
public interface SocketIoServerCustomizer {

	/**
	 * Customizes the server.
	 * @param server the server, not yet started
	 */
	void customize(SocketIOServer server);

}

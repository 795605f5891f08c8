package dev.clusteradapter.cluster.socketio;

import com.corundumstudio.socketio.BroadcastAckBridge;
import com.corundumstudio.socketio.BroadcastAckCallback;
import com.corundumstudio.socketio.SocketIOClient;

/**
 * Drives a user's {@link BroadcastAckCallback} for clients of every worker, as
 * netty-socketio drives it for its own clients. The members that takes are package-private
 * or protected in netty-socketio, so the calls go through {@link BroadcastAckBridge}, a
 * class of the starter in netty-socketio's package.
 */
public final class BroadcastAckCallbacks {

	private BroadcastAckCallbacks() {
	}

	/**
	 * Class the callback expects each client's answer as.
	 * @param callback the user's callback
	 * @return the result class
	 */
	public static Class<?> resultClass(BroadcastAckCallback<?> callback) {
		return BroadcastAckBridge.resultClass(callback);
	}

	/**
	 * Seconds the callback waits for each client.
	 * @param callback the user's callback
	 * @return the timeout, or a value below 1 for none
	 */
	public static int timeoutSeconds(BroadcastAckCallback<?> callback) {
		return BroadcastAckBridge.timeoutSeconds(callback);
	}

	/**
	 * Tells the callback a client answered ({@code onClientSuccess}).
	 * @param callback the user's callback
	 * @param client the client, local or a view of a remote one
	 * @param result the answer, of the {@link #resultClass result class}
	 */
	public static void clientAnswered(BroadcastAckCallback<?> callback, SocketIOClient client, Object result) {
		BroadcastAckBridge.clientAnswered(callback, client, result);
	}

	/**
	 * Tells the callback a client did not answer in time ({@code onClientTimeout}).
	 * @param callback the user's callback
	 * @param client the client, local or a view of a remote one
	 */
	public static void clientTimedOut(BroadcastAckCallback<?> callback, SocketIOClient client) {
		BroadcastAckBridge.clientTimedOut(callback, client);
	}

	/**
	 * Tells the callback every client answered ({@code onAllSuccess}), at most once per
	 * callback.
	 * @param callback the user's callback
	 */
	public static void allAnswered(BroadcastAckCallback<?> callback) {
		BroadcastAckBridge.allAnswered(callback);
	}

}

package com.corundumstudio.socketio;

/**
 * Lets the starter drive a user's {@link BroadcastAckCallback} for clients of every worker,
 * not only the local ones netty-socketio iterates. The members it needs (the result class,
 * the timeout, the per-client and final notifications, and the flag that makes
 * {@code onAllSuccess} run once) are package-private or protected in netty-socketio 2.0.14,
 * so this class lives in netty-socketio's package, in the starter's jar. It belongs to the
 * starter's seam into netty-socketio, {@code dev.clusteradapter.cluster.socketio}, and is
 * called only through its {@code BroadcastAckCallbacks}.
 * <p>
 * Why a class in a foreign package rather than reflection: the compiler checks every access
 * against the netty-socketio version built against, and no {@code setAccessible} is needed
 * on a user's callback for every broadcast. netty-socketio's jar is not sealed, so defining
 * a class in its package is allowed.
 * <p>
 * <b>It needs the class path</b>: netty-socketio and the starter loaded by one class loader,
 * as on a class path, in a Spring Boot executable jar and in a WAR. On the module path the
 * two jars split this package and the module system refuses to start the application at
 * all; in OSGi netty-socketio's bundle has a class loader of its own and these calls fail
 * with an {@code IllegalAccessError}. There is no fallback: the check the starter runs before
 * its first server starts ({@code NettySocketIoCompatibility}) fails then with a message
 * saying so, rather than a broadcast later.
 */
public final class BroadcastAckBridge {

	private BroadcastAckBridge() {
	}

	/**
	 * Class the callback expects each client's answer as.
	 * @param callback the user's callback
	 * @return the result class
	 */
	public static Class<?> resultClass(BroadcastAckCallback<?> callback) {
		return callback.resultClass;
	}

	/**
	 * Seconds the callback waits for each client.
	 * @param callback the user's callback
	 * @return the timeout, or {@code -1} for none
	 */
	public static int timeoutSeconds(BroadcastAckCallback<?> callback) {
		return callback.timeout;
	}

	/**
	 * Tells the callback a client answered.
	 * @param <T> the result type
	 * @param callback the user's callback
	 * @param client the client, local or a view of a remote one
	 * @param result the answer, already of the {@link #resultClass(BroadcastAckCallback) result class}
	 */
	@SuppressWarnings("unchecked")
	public static <T> void clientAnswered(BroadcastAckCallback<T> callback, SocketIOClient client, Object result) {
		callback.onClientSuccess(client, (T) result);
	}

	/**
	 * Tells the callback a client did not answer in time.
	 * @param callback the user's callback
	 * @param client the client, local or a view of a remote one
	 */
	public static void clientTimedOut(BroadcastAckCallback<?> callback, SocketIOClient client) {
		callback.onClientTimeout(client);
	}

	/**
	 * Tells the callback every client answered; runs {@code onAllSuccess} at most once per
	 * callback, through the flag netty-socketio itself uses.
	 * @param callback the user's callback
	 */
	public static void allAnswered(BroadcastAckCallback<?> callback) {
		if (callback.successExecuted.compareAndSet(false, true)) {
			callback.onAllSuccess();
		}
	}

}

package dev.clusteradapter.cluster.server;

/**
 * Why a worker cut off a client that did not read what it was sent.
 */
public enum SlowClientReason {

	/**
	 * More than the outbound limit ({@code socketio.server.max-outbound-buffer}) was
	 * waiting for it when more came: it was disconnected, and what waited was dropped.
	 */
	OUTBOUND_LIMIT,

	/**
	 * Its session had ended (its ping timed out, or the server disconnected it), and its
	 * connection still had not taken what was sent to it a while later: the connection was
	 * closed, and what waited was dropped.
	 */
	CLOSE_TIMEOUT

}

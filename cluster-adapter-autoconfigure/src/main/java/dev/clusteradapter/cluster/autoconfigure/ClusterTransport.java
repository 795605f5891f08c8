package dev.clusteradapter.cluster.autoconfigure;

/**
 * What carries the adapter's messages between the processes serving clients.
 */
public enum ClusterTransport {

	/** The IPC channel between a primary and its workers: one host. */
	IPC,

	/**
	 * Redis pub/sub, on the wire of Socket.IO's {@code @socket.io/redis-adapter}: every
	 * process serving clients, on any host, Java or Node.js, is a peer.
	 */
	REDIS

}

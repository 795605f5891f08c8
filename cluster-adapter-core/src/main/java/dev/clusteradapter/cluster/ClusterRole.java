package dev.clusteradapter.cluster;

/**
 * Part a process plays in a Socket.IO cluster.
 */
public enum ClusterRole {

	/** Primary, unless this process was started by a primary as one of its workers. */
	AUTO,

	/** Owns the public port, starts and supervises the workers, relays their messages. */
	PRIMARY,

	/** Serves Socket.IO clients with netty-socketio and joins a primary over IPC. */
	WORKER,

	/** One process serving clients itself, with no IPC: the same API works locally. */
	STANDALONE;

	/**
	 * Resolves the role a process plays. A process that a primary started is its worker
	 * whatever role is configured: workers share the primary's configuration, and a
	 * configured {@code primary} must not make every worker start workers of its own.
	 * @param startedByPrimary whether a primary started this process as its worker
	 * @return the role this process plays
	 */
	public ClusterRole resolve(boolean startedByPrimary) {
		if (startedByPrimary) {
			return WORKER;
		}
		return (this != AUTO) ? this : PRIMARY;
	}

}

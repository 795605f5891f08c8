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
	 * Resolves {@link #AUTO}: a process started by a primary is told so explicitly through its
	 * environment, so anything left on auto is a primary.
	 * @return the role this process plays
	 */
	public ClusterRole resolve() {
		return (this != AUTO) ? this : PRIMARY;
	}

}

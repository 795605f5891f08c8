package dev.clusteradapter.cluster.autoconfigure;

/**
 * Starts this process's part of the cluster (a primary's hub, router and workers, or a
 * worker's link to its primary; a standalone process has none) before the Socket.IO server,
 * and stops it after. It first logs what this process became and why.
 */
public class ClusterNodeLifecycle extends PhasedLifecycle {

	/** Phase of the cluster node: before the Socket.IO server. */
	public static final int PHASE = SocketIoServerLifecycle.PHASE - 1024;

	/**
	 * Creates a lifecycle.
	 * @param start starts the node, throwing when it cannot
	 * @param stop stops the node
	 */
	public ClusterNodeLifecycle(Runnable start, Runnable stop) {
		super(start, stop, PHASE);
	}

}

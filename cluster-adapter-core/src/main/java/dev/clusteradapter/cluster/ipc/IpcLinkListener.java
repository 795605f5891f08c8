package dev.clusteradapter.cluster.ipc;

/**
 * Told when a worker's link to the {@link IpcHub} comes up or goes down. Called on an I/O
 * thread: do not block.
 */
public interface IpcLinkListener {

	/**
	 * A worker authenticated.
	 * @param link the new link
	 */
	default void linkUp(IpcLinkInfo link) {
	}

	/**
	 * A worker's link closed: the worker closed it, died, missed its heartbeats, fell behind
	 * its outbound queue limit, or the hub stopped.
	 * @param link the link as it was last
	 */
	default void linkDown(IpcLinkInfo link) {
	}

}

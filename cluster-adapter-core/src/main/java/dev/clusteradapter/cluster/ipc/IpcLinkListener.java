package dev.clusteradapter.cluster.ipc;

/**
 * Told when a worker's link to the {@link IpcHub} comes up or goes down, and of the reports
 * workers send between heartbeats. Called on an I/O thread: do not block.
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

	/**
	 * A worker sent a report ({@link IpcClient#reportSoon()}). Reports of one worker arrive
	 * in the order sent, after the heartbeats sent before them.
	 * @param workerId the worker
	 * @param report its opaque bytes
	 */
	default void reported(int workerId, byte[] report) {
	}

}

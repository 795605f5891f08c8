package dev.clusteradapter.cluster.autoconfigure;

import org.springframework.context.SmartLifecycle;

/**
 * Starts this process's part of the cluster (a primary's hub and workers, or a worker's
 * link to its primary) before the Socket.IO server, and stops it after.
 */
public class ClusterNodeLifecycle implements SmartLifecycle {

	/** Phase of the cluster node: before the Socket.IO server. */
	public static final int PHASE = SocketIoServerLifecycle.PHASE - 1024;

	private final Runnable start;

	private final Runnable stop;

	private volatile boolean running;

	/**
	 * Creates a lifecycle.
	 * @param start starts the node, throwing when it cannot
	 * @param stop stops the node
	 */
	public ClusterNodeLifecycle(Runnable start, Runnable stop) {
		this.start = start;
		this.stop = stop;
	}

	@Override
	public void start() {
		this.start.run();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.stop.run();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

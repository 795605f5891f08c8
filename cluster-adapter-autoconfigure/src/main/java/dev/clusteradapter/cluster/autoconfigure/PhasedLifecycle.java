package dev.clusteradapter.cluster.autoconfigure;

import org.springframework.context.SmartLifecycle;

/**
 * A part of the cluster started and stopped with the application context, in its phase.
 */
public abstract class PhasedLifecycle implements SmartLifecycle {

	private final Runnable start;

	private final Runnable stop;

	private final int phase;

	private volatile boolean running;

	/**
	 * Creates a lifecycle.
	 * @param start starts the part, throwing when it cannot
	 * @param stop stops the part
	 * @param phase phase of the part
	 */
	protected PhasedLifecycle(Runnable start, Runnable stop, int phase) {
		this.start = start;
		this.stop = stop;
		this.phase = phase;
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
		return this.phase;
	}

}

package dev.clusteradapter.cluster.supervisor;

import java.time.Duration;

/**
 * Told what happens to the workers of a {@link WorkerSupervisor}. Called on the
 * supervisor's thread: return quickly.
 */
public interface WorkerListener {

	/** Ignores everything. */
	WorkerListener NONE = new WorkerListener() {
	};

	/**
	 * A worker JVM was launched.
	 * @param id worker id
	 * @param pid its process id
	 */
	default void started(int id, long pid) {
	}

	/**
	 * A worker JVM exited, for whatever reason.
	 * @param id worker id
	 * @param exitCode its exit code ({@code 128 + signal} when killed by a signal)
	 */
	default void exited(int id, int exitCode) {
	}

	/**
	 * A new JVM will be launched for a worker after a delay.
	 * @param id worker id
	 * @param delay back-off delay before the launch
	 */
	default void restarting(int id, Duration delay) {
	}

}

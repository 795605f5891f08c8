package dev.clusteradapter.cluster.sticky;

import java.util.List;

/**
 * Live workers the {@link StickyRouter} may route to, kept by whoever supervises them.
 * Called on every routed request, from I/O threads: answer from memory, without blocking.
 */
@FunctionalInterface
public interface WorkerDirectory {

	/**
	 * Workers accepting clients now.
	 * @return a snapshot, empty when none is live
	 */
	List<WorkerEndpoint> liveWorkers();

	/**
	 * The router sent a new session (an Engine.IO handshake) to a worker, chosen by load
	 * balancing. A directory that counts it at once keeps least-connection balancing exact
	 * between the workers' own reports. Does nothing by default.
	 * @param worker the worker chosen
	 */
	default void sessionRouted(WorkerEndpoint worker) {
	}

}

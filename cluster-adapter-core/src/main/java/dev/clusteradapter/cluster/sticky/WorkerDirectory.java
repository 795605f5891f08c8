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

}

package dev.clusteradapter.cluster.autoconfigure;

import java.util.concurrent.CompletableFuture;

import dev.clusteradapter.cluster.supervisor.ParentWatch;

/**
 * The worker id a standby JVM's primary adopts it as, told on its standard input
 * ({@link ParentWatch}), which is watched from the earliest point of the application's
 * start, for the whole JVM. The standby's worker node waits for it before linking.
 */
final class StandbyAdoption {

	private static final CompletableFuture<Integer> WORKER_ID = new CompletableFuture<>();

	private StandbyAdoption() {
	}

	/** Completes with the worker id, or exceptionally when the JVM leaves first. */
	static CompletableFuture<Integer> workerId() {
		return WORKER_ID;
	}

}

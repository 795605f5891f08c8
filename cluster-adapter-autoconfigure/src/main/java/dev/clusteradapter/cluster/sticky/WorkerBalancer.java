package dev.clusteradapter.cluster.sticky;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks a worker for a request without a live session, by a {@link LoadBalancing} method.
 */
final class WorkerBalancer {

	private final LoadBalancing method;

	private final AtomicInteger turn = new AtomicInteger();

	WorkerBalancer(LoadBalancing method) {
		this.method = method;
	}

	WorkerEndpoint pick(List<WorkerEndpoint> workers) {
		int size = workers.size();
		return switch (this.method) {
			case RANDOM -> workers.get(ThreadLocalRandom.current().nextInt(size));
			case ROUND_ROBIN -> workers.get(nextTurn(size));
			case LEAST_CONNECTION -> leastLoaded(workers);
		};
	}

	private WorkerEndpoint leastLoaded(List<WorkerEndpoint> workers) {
		// Client counts reach the primary late; starting the scan at a rotating position keeps
		// a burst of handshakes from all landing on the first worker of equal ones.
		int size = workers.size();
		int start = nextTurn(size);
		WorkerEndpoint best = workers.get(start);
		for (int i = 1; i < size; i++) {
			WorkerEndpoint candidate = workers.get((start + i) % size);
			if (candidate.clients() < best.clients()) {
				best = candidate;
			}
		}
		return best;
	}

	private int nextTurn(int size) {
		return Math.floorMod(this.turn.getAndIncrement(), size);
	}

}

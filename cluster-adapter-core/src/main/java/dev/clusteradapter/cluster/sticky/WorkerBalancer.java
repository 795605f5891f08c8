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
		int fewest = Integer.MAX_VALUE;
		int ties = 0;
		for (WorkerEndpoint worker : workers) {
			if (worker.clients() < fewest) {
				fewest = worker.clients();
				ties = 1;
			}
			else if (worker.clients() == fewest) {
				ties++;
			}
		}
		// Client counts reach the primary late; taking tied workers in turn keeps a burst of
		// handshakes from all landing on the first of them.
		int wanted = nextTurn(ties);
		for (WorkerEndpoint worker : workers) {
			if (worker.clients() == fewest && wanted-- == 0) {
				return worker;
			}
		}
		throw new IllegalStateException("No worker to pick");
	}

	private int nextTurn(int size) {
		return Math.floorMod(this.turn.getAndIncrement(), size);
	}

}

package dev.clusteradapter.cluster.sticky;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WorkerBalancer}.
 */
class WorkerBalancerTests {

	private static WorkerEndpoint worker(int id, int clients) {
		return new WorkerEndpoint(id, new InetSocketAddress("127.0.0.1", 1000 + id), null, clients);
	}

	private static Map<Integer, Integer> picks(WorkerBalancer balancer, List<WorkerEndpoint> workers, int times) {
		Map<Integer, Integer> picks = new HashMap<>();
		for (int i = 0; i < times; i++) {
			picks.merge(balancer.pick(workers).id(), 1, Integer::sum);
		}
		return picks;
	}

	@Test
	void leastConnectionPicksTheWorkerWithFewestClients() {
		WorkerBalancer balancer = new WorkerBalancer(LoadBalancing.LEAST_CONNECTION);
		List<WorkerEndpoint> workers = List.of(worker(1, 5), worker(2, 2), worker(3, 9));
		assertThat(picks(balancer, workers, 10)).containsOnly(Map.entry(2, 10));
	}

	@Test
	void leastConnectionSpreadsTiesWhileCountsLag() {
		WorkerBalancer balancer = new WorkerBalancer(LoadBalancing.LEAST_CONNECTION);
		List<WorkerEndpoint> workers = List.of(worker(1, 0), worker(2, 0), worker(3, 4));
		assertThat(picks(balancer, workers, 100)).containsOnlyKeys(1, 2).allSatisfy((id, count) -> assertThat(count).isBetween(40, 60));
	}

	@Test
	void roundRobinTakesEachWorkerInTurn() {
		WorkerBalancer balancer = new WorkerBalancer(LoadBalancing.ROUND_ROBIN);
		List<WorkerEndpoint> workers = List.of(worker(1, 50), worker(2, 0), worker(3, 0));
		assertThat(picks(balancer, workers, 300)).containsOnly(Map.entry(1, 100), Map.entry(2, 100), Map.entry(3, 100));
	}

	@Test
	void randomReachesEveryWorker() {
		WorkerBalancer balancer = new WorkerBalancer(LoadBalancing.RANDOM);
		List<WorkerEndpoint> workers = List.of(worker(1, 0), worker(2, 0), worker(3, 0));
		assertThat(picks(balancer, workers, 3000)).containsOnlyKeys(1, 2, 3)
			.allSatisfy((id, count) -> assertThat(count).isBetween(800, 1200));
	}

	@Test
	void aSingleWorkerIsAlwaysPicked() {
		for (LoadBalancing method : LoadBalancing.values()) {
			assertThat(picks(new WorkerBalancer(method), List.of(worker(4, 3)), 5)).containsOnly(Map.entry(4, 5));
		}
	}

}

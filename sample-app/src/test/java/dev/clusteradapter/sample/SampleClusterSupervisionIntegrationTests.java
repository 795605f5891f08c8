package dev.clusteradapter.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The primary's supervision of its worker JVMs, against the real sample application jar.
 */
class SampleClusterSupervisionIntegrationTests {

	@Test
	void workerKilledIsReplaced() throws Exception {
		try (SampleCluster cluster = SampleCluster.start("replace").awaitWorkers(2)) {
			List<Long> before = cluster.workerPids();
			long victim = before.get(0);
			ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(cluster.workerPids()).hasSize(2).doesNotContain(victim).contains(before.get(1)));
			assertThat(cluster.isAlive()).isTrue();
		}
	}

	@Test
	void sigtermOfThePrimaryStopsEveryWorkerCleanly() throws Exception {
		try (SampleCluster cluster = SampleCluster.start("sigterm").awaitServing(2)) {
			List<ProcessHandle> workers = workers(cluster);
			int before = cluster.output().size();
			cluster.terminate();
			await().atMost(Duration.ofSeconds(30)).until(() -> !cluster.isAlive());
			assertThat(workers).noneMatch(ProcessHandle::isAlive);
			// a stop on purpose is no failure: asked to leave, each worker says so at INFO and
			// exits with 0, not as if its primary had died
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				for (ProcessHandle worker : workers) {
					assertThat(cluster.output()).anyMatch((line) -> line.endsWith(" (pid " + worker.pid() + ") exited with code 0"));
				}
			});
			List<String> output = List.copyOf(cluster.output());
			List<String> stopping = output.subList(before, output.size());
			assertThat(stopping.stream().filter((line) -> line.startsWith("[worker-") && line.contains(" INFO ")
					&& line.endsWith("The primary stops this worker: leaving"))).hasSize(2);
			assertThat(stopping).noneMatch((line) -> line.contains("Primary process is gone"))
				.noneMatch((line) -> line.startsWith("[worker-") && line.contains(" WARN "));
		}
	}

	@Test
	void workersExitWithinTenSecondsOfTheirPrimaryBeingKilled() throws Exception {
		// workers that serve; one still booting its JVM watches its primary only once its
		// application starts (README: Failure semantics)
		try (SampleCluster cluster = SampleCluster.start("kill-primary").awaitServing(2)) {
			List<ProcessHandle> workers = workers(cluster);
			cluster.kill();
			Instant killed = Instant.now();
			await().atMost(Duration.ofSeconds(15)).until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
			assertThat(Duration.between(killed, Instant.now())).isLessThan(Duration.ofSeconds(10));
		}
	}

	private static List<ProcessHandle> workers(SampleCluster cluster) {
		return cluster.workerPids().stream().map(ProcessHandle::of).flatMap(Optional::stream).toList();
	}

}

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
	void killedWorkerIsReplacedByTheStandbyAtOnceAndANewStandbyFollows() throws Exception {
		try (SampleCluster cluster = SampleCluster.start("replace").awaitServing(2)) {
			// the standby starts once both workers serve, and waits once its application is up
			await().atMost(Duration.ofSeconds(120)).until(() -> cluster.standbyPid().isPresent()
					&& cluster.output().stream().anyMatch((line) -> line.startsWith("[standby] ")
							&& line.endsWith("Standby: ready, waiting for the primary to adopt this JVM as a worker")));
			long standby = cluster.standbyPid().orElseThrow();
			List<Long> before = cluster.workerPids();
			long victim = before.get(0);
			ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
			long killed = System.nanoTime();
			cluster.awaitServingWorker(1, Duration.ofSeconds(60));
			System.out.printf("MEASURED: kill -9 of worker 1 until a new session lands on worker 1: %d ms%n",
					Duration.ofNanos(System.nanoTime() - killed).toMillis());
			assertThat(cluster.workerPids()).containsExactly(standby, before.get(1));
			assertThat(cluster.output()).anyMatch((line) -> line.startsWith("[worker-1] ")
					&& line.endsWith("Adopted by the primary as worker 1"));
			await().atMost(Duration.ofSeconds(60))
				.until(() -> cluster.standbyPid().filter((next) -> next != standby).isPresent());
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

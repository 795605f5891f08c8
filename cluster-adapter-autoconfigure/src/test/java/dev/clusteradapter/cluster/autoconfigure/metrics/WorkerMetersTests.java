package dev.clusteradapter.cluster.autoconfigure.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.clusteradapter.cluster.adapter.SocketIoCluster;
import dev.clusteradapter.cluster.node.PrimaryNode;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WorkerMeters}, against a real primary and external worker.
 */
class WorkerMetersTests {

	@Test
	void expectedWorkersHaveMetersBeforeTheyLink() {
		ClusterContexts.primary().withPropertyValues("socketio.cluster.workers=0").run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			new WorkerMeters(() -> context.getBean(PrimaryNode.class), 2).bindTo(registry);
			assertThat(registry.get("socketio.cluster.worker.clients").gauges()).hasSize(2);
			assertThat(registry.get("socketio.cluster.worker.clients").tag("worker", "2").gauge().value()).isZero();
			assertThat(registry.get("socketio.cluster.worker.restarts").tag("worker", "1").functionCounter().count())
				.isZero();
			assertThat(registry.get("socketio.cluster.workers.alive").gauge().value()).isZero();
		});
	}

	@Test
	void externalWorkerIsMeteredOnceLinkedAndCountedAliveWhileServing() {
		ClusterContexts.primary().withPropertyValues("socketio.cluster.workers=0").run((primary) -> {
			MeterRegistry registry = primary.getBean(MeterRegistry.class);
			ClusterContexts.worker(primary.getBean(PrimaryNode.class), 9).run((worker) -> {
				assertThat(worker).hasNotFailed();
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					assertThat(registry.get("socketio.cluster.workers.alive").gauge().value()).isEqualTo(1);
					assertThat(registry.get("socketio.cluster.worker.clients").tag("worker", "9").gauge().value())
						.isZero();
				});
			});
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(registry.get("socketio.cluster.workers.alive").gauge().value()).isZero());
		});
	}

	@Test
	void expectedWorkersHaveRequestMetersForEveryTypeAndOutcome() {
		ClusterContexts.primary().withPropertyValues("socketio.cluster.workers=0").run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			new WorkerMeters(() -> context.getBean(PrimaryNode.class), 2).bindTo(registry);
			assertThat(registry.get("socketio.cluster.worker.requests").functionTimers()).hasSize(2 * 8 * 4);
			FunctionTimer timeouts = registry.get("socketio.cluster.worker.requests")
				.tags("worker", "2", "type", "broadcast_ack", "outcome", "timeout")
				.functionTimer();
			assertThat(timeouts.count()).isZero();
			assertThat(timeouts.totalTime(TimeUnit.NANOSECONDS)).isZero();
		});
	}

	@Test
	void requestOfAWorkerIsTimedOnThePrimaryAfterAHeartbeat() {
		ClusterContexts.primary().withPropertyValues("socketio.cluster.workers=0").run((primary) -> {
			MeterRegistry registry = primary.getBean(MeterRegistry.class);
			ClusterContexts.worker(primary.getBean(PrimaryNode.class), 9).run((worker) -> {
				assertThat(worker).hasNotFailed();
				worker.getBean(SocketIoCluster.class).fetchSockets().get(10, TimeUnit.SECONDS);
				// the worker's own timer still records it: the heartbeat totals come on top
				assertThat(worker.getBean(MeterRegistry.class)
					.get("socketio.cluster.requests")
					.tags("type", "fetch_sockets", "outcome", "success")
					.timer()
					.count()).isEqualTo(1);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					FunctionTimer fetches = registry.get("socketio.cluster.worker.requests")
						.tags("worker", "9", "type", "fetch_sockets", "outcome", "success")
						.functionTimer();
					assertThat(fetches.count()).isEqualTo(1);
					assertThat(fetches.totalTime(TimeUnit.NANOSECONDS)).isPositive();
				});
				assertThat(registry.get("socketio.cluster.worker.requests")
					.tags("worker", "9", "type", "fetch_sockets", "outcome", "timeout")
					.functionTimer()
					.count()).isZero();
			});
			PrimaryNode node = primary.getBean(PrimaryNode.class);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(node.workers()).allSatisfy((worker) -> assertThat(worker.linked()).isFalse()));
			// a missing worker's totals hold: only its replacement's reports start from zero
			assertThat(registry.get("socketio.cluster.worker.requests")
				.tags("worker", "9", "type", "fetch_sockets", "outcome", "success")
				.functionTimer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void bindsNothingWithoutAPrimary() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new WorkerMeters(() -> null, 2).bindTo(registry);
		assertThat(registry.getMeters()).isEmpty();
	}

}

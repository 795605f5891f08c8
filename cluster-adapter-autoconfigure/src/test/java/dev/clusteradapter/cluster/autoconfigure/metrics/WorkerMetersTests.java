package dev.clusteradapter.cluster.autoconfigure.metrics;

import java.time.Duration;

import dev.clusteradapter.cluster.node.PrimaryNode;
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
	void bindsNothingWithoutAPrimary() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new WorkerMeters(() -> null, 2).bindTo(registry);
		assertThat(registry.getMeters()).isEmpty();
	}

}

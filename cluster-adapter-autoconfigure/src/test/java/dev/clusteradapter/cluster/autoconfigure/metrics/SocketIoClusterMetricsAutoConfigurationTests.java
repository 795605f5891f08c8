package dev.clusteradapter.cluster.autoconfigure.metrics;

import java.time.Duration;

import dev.clusteradapter.cluster.adapter.AdapterMetrics;
import dev.clusteradapter.cluster.autoconfigure.SocketIoClusterAutoConfiguration;
import dev.clusteradapter.cluster.ipc.IpcMetrics;
import dev.clusteradapter.cluster.node.PrimaryNode;
import dev.clusteradapter.cluster.server.SlowClientMetrics;
import dev.clusteradapter.cluster.sticky.RouterMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SocketIoClusterMetricsAutoConfiguration}.
 */
class SocketIoClusterMetricsAutoConfigurationTests {

	@Test
	void primaryHasEveryMeterBinder() {
		ClusterContexts.primary().withPropertyValues("socketio.cluster.workers=0").run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(AdapterMeters.class)
				.hasSingleBean(IpcMeters.class)
				.hasSingleBean(RouterMeters.class)
				.hasSingleBean(WorkerMeters.class)
				.doesNotHaveBean(SlowClientMeters.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("socketio.cluster.workers.alive").gauge().value()).isZero();
		});
	}

	@Test
	void ipcTrafficOfBothEndsIsCounted() {
		ClusterContexts.primary().withPropertyValues("socketio.cluster.workers=0").run((primary) -> {
			MeterRegistry registry = primary.getBean(MeterRegistry.class);
			ClusterContexts.worker(primary.getBean(PrimaryNode.class), 4).run((worker) -> {
				assertThat(worker).hasNotFailed().hasSingleBean(IpcMeters.class).doesNotHaveBean(RouterMeters.class)
					.doesNotHaveBean(WorkerMeters.class)
					.hasSingleBean(SlowClientMeters.class);
				MeterRegistry workerRegistry = worker.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					assertThat(heartbeats(registry, "in")).isPositive();
					assertThat(heartbeats(workerRegistry, "out")).isPositive();
					assertThat(registry.get("socketio.cluster.ipc.bytes")
						.tags("direction", "in", "type", "heartbeat")
						.counter()
						.count()).isGreaterThan(heartbeats(registry, "in"));
				});
			});
		});
	}

	@Test
	void absentWithoutAMeterRegistry() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIoClusterAutoConfiguration.class,
				SocketIoClusterMetricsAutoConfiguration.class))
			.withPropertyValues("socketio.cluster.workers=0", "socketio.cluster.port=0", "socketio.cluster.host=127.0.0.1")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(IpcMeters.class)
				.doesNotHaveBean(AdapterMeters.class)
				.doesNotHaveBean(WorkerMeters.class));
	}

	@Test
	void absentWithoutMicrometer() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIoClusterAutoConfiguration.class,
				SocketIoClusterMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues("socketio.cluster.workers=0", "socketio.cluster.port=0", "socketio.cluster.host=127.0.0.1")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(IpcMeters.class));
	}

	@Test
	void userHooksBackOff() {
		AdapterMetrics adapter = (type, outcome, duration) -> {
		};
		IpcMetrics ipc = new IpcMetrics() {
		};
		RouterMetrics router = new RouterMetrics() {
		};
		ClusterContexts.primary()
			.withPropertyValues("socketio.cluster.workers=0")
			.withBean(AdapterMetrics.class, () -> adapter)
			.withBean(IpcMetrics.class, () -> ipc)
			.withBean(RouterMetrics.class, () -> router)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(AdapterMeters.class)
					.doesNotHaveBean(IpcMeters.class)
					.doesNotHaveBean(RouterMeters.class)
					.hasSingleBean(WorkerMeters.class);
				assertThat(context.getBean(AdapterMetrics.class)).isSameAs(adapter);
			});
	}

	@Test
	void standaloneHasNoPrimaryMeters() {
		ClusterContexts.primary().withPropertyValues("socketio.cluster.role=standalone")
			.run((context) -> assertThat(context).hasSingleBean(AdapterMeters.class)
				.hasSingleBean(SlowClientMeters.class)
				.doesNotHaveBean(RouterMeters.class)
				.doesNotHaveBean(WorkerMeters.class));
	}

	@Test
	void userSlowClientHookBacksOff() {
		SlowClientMetrics slowClients = (reason) -> {
		};
		ClusterContexts.primary()
			.withPropertyValues("socketio.cluster.role=standalone")
			.withBean(SlowClientMetrics.class, () -> slowClients)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SlowClientMeters.class);
				assertThat(context.getBean(SlowClientMetrics.class)).isSameAs(slowClients);
			});
	}

	private static double heartbeats(MeterRegistry registry, String direction) {
		var counter = registry.find("socketio.cluster.ipc.messages")
			.tags("direction", direction, "type", "heartbeat")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}

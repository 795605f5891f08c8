package dev.clusteradapter.cluster.autoconfigure.health;

import java.time.Duration;

import dev.clusteradapter.cluster.ipc.IpcClient;
import dev.clusteradapter.cluster.ipc.IpcHub;
import dev.clusteradapter.cluster.ipc.IpcOptions;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.ipc.IpcTransport;
import dev.clusteradapter.cluster.node.WorkerNode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WorkerHealthIndicator}, over a real IPC link.
 */
class WorkerHealthIndicatorTests {

	@Test
	void upWhileLinkedAndDownOnceThePrimaryIsGone() throws Exception {
		IpcOptions options = IpcOptions.builder(IpcSecret.generate())
			.transport(IpcTransport.TCP)
			.host("127.0.0.1")
			.heartbeatInterval(Duration.ofMillis(100))
			.build();
		IpcHub hub = new IpcHub(options);
		try {
			WorkerNode node = new WorkerNode(new IpcClient(hub.start(), options), Duration.ofSeconds(10), () -> {
			});
			WorkerHealthIndicator indicator = new WorkerHealthIndicator(node);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
			node.start();
			Health linked = indicator.health();
			assertThat(linked.getStatus()).isEqualTo(Status.UP);
			assertThat(linked.getDetails()).containsEntry("role", "worker").containsEntry("linked", true);
			assertThat((int) linked.getDetails().get("workerId")).isPositive();
			hub.stop();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN));
			assertThat(indicator.health().getDetails()).containsEntry("linked", false);
			node.stop();
		}
		finally {
			hub.stop();
		}
	}

}

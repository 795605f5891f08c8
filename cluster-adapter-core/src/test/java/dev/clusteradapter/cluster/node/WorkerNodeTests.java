package dev.clusteradapter.cluster.node;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.clusteradapter.cluster.WorkerStatus;
import dev.clusteradapter.cluster.ipc.IpcEndpoint;
import dev.clusteradapter.cluster.ipc.IpcHub;
import dev.clusteradapter.cluster.ipc.IpcLinkInfo;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WorkerNode}: a worker's link to a real IPC hub.
 */
class WorkerNodeTests {

	private final IpcHub hub = IpcHubs.hub();

	private final AtomicInteger primaryLost = new AtomicInteger();

	private IpcEndpoint endpoint;

	private WorkerNode node;

	@BeforeEach
	void startHub() throws IOException {
		this.endpoint = this.hub.start();
	}

	@AfterEach
	void stop() {
		if (this.node != null) {
			this.node.stop();
		}
		this.hub.stop();
	}

	@Test
	void linksAndReportsItsStatusInItsHeartbeats() {
		this.node = node(3, IpcHubs.SECRET);
		this.node.reportStatus(() -> new WorkerStatus(42, 3003, "/tmp/worker-3.sock", 7, 2));
		this.node.start();
		assertThat(this.node.isLinked()).isTrue();
		assertThat(this.node.bus().nodeId()).isEqualTo(3);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.hub.links()).singleElement()
			.extracting(IpcLinkInfo::lastStatus)
			.extracting(WorkerStatus::decode)
			.isEqualTo(new WorkerStatus(42, 3003, "/tmp/worker-3.sock", 7, 2)));
	}

	@Test
	void losingItsPrimaryEndsTheWorkerOnce() {
		this.node = node(1, IpcHubs.SECRET);
		this.node.start();
		this.hub.stop();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.primaryLost.get() == 1);
		assertThat(this.node.isLinked()).isFalse();
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> this.primaryLost.get() == 1);
	}

	@Test
	void stoppingIsNotLosingThePrimary() {
		this.node = node(1, IpcHubs.SECRET);
		this.node.start();
		this.node.stop();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hub.links().isEmpty());
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> this.primaryLost.get() == 0);
	}

	@Test
	void primaryRefusingItsSecretFailsTheStartSayingWhy() {
		this.node = node(1, IpcSecret.generate());
		assertThatIllegalStateException().isThrownBy(this.node::start)
			.withMessage("Cannot link to the primary")
			.havingCause()
			.withMessageContaining("authentication failed");
		assertThat(this.primaryLost).hasValue(0);
	}

	private WorkerNode node(int id, IpcSecret secret) {
		return new WorkerNode(IpcHubs.client(this.endpoint, id, secret), Duration.ofSeconds(10),
				this.primaryLost::incrementAndGet);
	}

}

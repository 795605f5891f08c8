package dev.clusteradapter.cluster.node;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.clusteradapter.cluster.WorkerStatus;
import dev.clusteradapter.cluster.ipc.IpcClient;
import dev.clusteradapter.cluster.sticky.WorkerEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WorkerRoutes}: which workers the router may send clients to, and how
 * fresh that answer is.
 */
class WorkerRoutesTests {

	private static final long MILLI = 1_000_000L;

	private final List<IpcClient> clients = new ArrayList<>();

	private PrimaryNode primary;

	@AfterEach
	void stop() {
		this.clients.forEach(IpcClient::close);
		if (this.primary != null) {
			this.primary.stop();
		}
	}

	@Test
	void onlyLinkedWorkersThatListenAreRoutesWithTheSessionsTheyReported() {
		AtomicReference<WorkerRoutes> routes = new AtomicReference<>();
		this.primary = PrimaryNode.create(IpcHubs.hub(), (endpoint) -> null, (directory) -> {
			routes.set(directory);
			return null;
		});
		this.primary.start();
		link(1, new WorkerStatus(11, 4001, "/run/worker-1.sock", 3, 1), new SessionReport(3, 5));
		link(2, new WorkerStatus(12, 0, null, 0, 0), new SessionReport(0, 0));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.primary.workers().stream().filter((worker) -> worker.status().pid() > 0).count() == 2);
		routes.get().invalidate();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(routes.get().liveWorkers()).containsExactly(
					new WorkerEndpoint(1, new InetSocketAddress("127.0.0.1", 4001), Path.of("/run/worker-1.sock"), 3)));
	}

	@Test
	void answerIsASnapshotRenewedEvery200Milliseconds() {
		AtomicLong clock = new AtomicLong(5_000 * MILLI);
		AtomicInteger asked = new AtomicInteger();
		List<WorkerSnapshot> workers = new ArrayList<>(List.of(serving(1, 4001)));
		WorkerRoutes routes = new WorkerRoutes(() -> {
			asked.incrementAndGet();
			return List.copyOf(workers);
		}, "127.0.0.1", clock::get);
		assertThat(routes.liveWorkers()).extracting(WorkerEndpoint::id).containsExactly(1);
		workers.add(serving(2, 4002));
		clock.addAndGet(199 * MILLI);
		assertThat(routes.liveWorkers()).extracting(WorkerEndpoint::id).containsExactly(1);
		assertThat(asked).hasValue(1);
		clock.addAndGet(MILLI);
		assertThat(routes.liveWorkers()).extracting(WorkerEndpoint::id).containsExactly(1, 2);
		assertThat(asked).hasValue(2);
	}

	@Test
	void invalidatingDropsAWorkerAtOnce() {
		AtomicLong clock = new AtomicLong();
		List<WorkerSnapshot> workers = new ArrayList<>(List.of(serving(1, 4001), serving(2, 4002)));
		WorkerRoutes routes = new WorkerRoutes(() -> List.copyOf(workers), "127.0.0.1", clock::get);
		assertThat(routes.liveWorkers()).hasSize(2);
		workers.remove(1);
		routes.invalidate();
		assertThat(routes.liveWorkers()).extracting(WorkerEndpoint::id).containsExactly(1);
	}

	private void link(int id, WorkerStatus status, SessionReport sessions) {
		IpcClient client = IpcHubs.client(this.primary.endpoint(), id);
		this.clients.add(client);
		client.setStatusSupplier(status::encode);
		client.setReportSupplier(sessions::encode);
		client.connect().orTimeout(10, TimeUnit.SECONDS).join();
		client.reportSoon();
	}

	private static WorkerSnapshot serving(int id, int port) {
		return new WorkerSnapshot(id, 100 + id, null, 0, null, true, null, new WorkerStatus(100 + id, port, null, 0, 0),
				null);
	}

}

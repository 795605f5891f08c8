package dev.clusteradapter.cluster.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.clusteradapter.cluster.ClusterBus;
import dev.clusteradapter.cluster.WorkerStatus;
import dev.clusteradapter.cluster.ipc.IpcClient;
import dev.clusteradapter.cluster.ipc.IpcEndpoint;
import dev.clusteradapter.cluster.sticky.RouterMetrics;
import dev.clusteradapter.cluster.sticky.StickyRouter;
import dev.clusteradapter.cluster.sticky.StickyRouterOptions;
import dev.clusteradapter.cluster.sticky.WorkerEndpoint;
import dev.clusteradapter.cluster.supervisor.RestartBackoff;
import dev.clusteradapter.cluster.supervisor.SupervisorOptions;
import dev.clusteradapter.cluster.supervisor.WorkerCommand;
import dev.clusteradapter.cluster.supervisor.WorkerEnvironment;
import dev.clusteradapter.cluster.supervisor.WorkerJvm;
import dev.clusteradapter.cluster.supervisor.WorkerState;
import dev.clusteradapter.cluster.supervisor.WorkerSupervisor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PrimaryNode} with a real IPC hub, real worker JVMs
 * ({@link LinkingWorkerMain}) and in-process IPC clients standing for external workers.
 */
class PrimaryNodeTests {

	private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(30);

	private final List<PrimaryNode> nodes = new ArrayList<>();

	private final List<IpcClient> clients = new ArrayList<>();

	@AfterEach
	void stop() {
		this.clients.forEach(IpcClient::close);
		this.nodes.forEach(PrimaryNode::stop);
	}

	@Test
	void workersItLaunchesAreGivenTheBoundEndpointLinkAndServe() {
		AtomicReference<WorkerRoutes> routes = new AtomicReference<>();
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		PrimaryNode node = started(PrimaryNode.create(IpcHubs.hub(), (endpoint) -> new WorkerSupervisor(
				workerOptions(1, endpoint).output(new PrintStream(output, true), new PrintStream(output, true))
					.build()), (directory) -> {
						routes.set(directory);
						return null;
					}));
		await().atMost(LAUNCH_TIMEOUT).untilAsserted(() -> assertThat(node.workers()).singleElement().satisfies((worker) -> {
			assertThat(worker.id()).isEqualTo(1);
			assertThat(worker.state()).isEqualTo(WorkerState.RUNNING);
			assertThat(worker.linked()).isTrue();
			assertThat(worker.serving()).isTrue();
			assertThat(worker.status().pid()).isEqualTo(worker.pid());
		}));
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(routes.get().liveWorkers())
			.containsExactly(new WorkerEndpoint(1, new InetSocketAddress("127.0.0.1", 4242), null, 0)));
		long pid = node.workers().get(0).pid();
		node.stop();
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("worker after stop, output: %s", output)
			.isEmpty();
		assertThat(node.workers()).allSatisfy((worker) -> assertThat(worker.linked()).isFalse());
	}

	@Test
	void externalWorkersShowOnceLinkedAndGoWithTheirLink() {
		PrimaryNode node = started(PrimaryNode.create(IpcHubs.hub(), (endpoint) -> null, (routes) -> null));
		assertThat(node.bus().nodeId()).isEqualTo(ClusterBus.PRIMARY);
		assertThat(node.publicAddress()).isNull();
		IpcClient external = link(node.endpoint(), 5);
		external.setStatusSupplier(() -> new WorkerStatus(777, 3001, null, 2, 1).encode());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(node.workers()).singleElement()
			.satisfies((worker) -> {
				assertThat(worker.id()).isEqualTo(5);
				assertThat(worker.state()).as("no supervisor runs it").isNull();
				assertThat(worker.serving()).isTrue();
				assertThat(worker.status().clients()).isEqualTo(2);
			}));
		external.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> node.workers().isEmpty());
	}

	@Test
	void routerOnThePublicPortIsStartedAfterTheHubAndStoppedWithIt() throws Exception {
		PrimaryNode node = started(PrimaryNode.create(IpcHubs.hub(), (endpoint) -> null, (routes) -> new StickyRouter(
				StickyRouterOptions.of("127.0.0.1", 0), routes, RouterMetrics.NONE)));
		InetSocketAddress address = node.publicAddress();
		assertThat(address.getPort()).isPositive();
		node.stop();
		try (ServerSocket rebound = new ServerSocket()) {
			rebound.bind(address);
			assertThat(rebound.isBound()).as("public port released").isTrue();
		}
	}

	@Test
	void publicPortThatCannotBeBoundFailsTheStartNamingItAndStopsTheHub() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
			PrimaryNode node = PrimaryNode.create(IpcHubs.hub(), (endpoint) -> null, (routes) -> new StickyRouter(
					StickyRouterOptions.of("127.0.0.1", taken.getLocalPort()), routes, RouterMetrics.NONE));
			assertThatIllegalStateException().isThrownBy(node::start)
				.withMessageContaining("public port")
				.withMessageContaining("127.0.0.1:" + taken.getLocalPort());
			IpcEndpoint endpoint = node.endpoint();
			IpcClient late = IpcHubs.client(endpoint, 1);
			this.clients.add(late);
			assertThat(late.connect()).failsWithin(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void hungWorkerIsKilledAndReplacedAndItsSnapshotSaysWhy() throws Exception {
		PrimaryNode node = started(PrimaryNode.create(IpcHubs.hub(Duration.ofSeconds(1)),
				(endpoint) -> new WorkerSupervisor(workerOptions(1, endpoint)
					.backoff(new RestartBackoff(Duration.ofMillis(100), 2, Duration.ofSeconds(1), Duration.ofSeconds(30)))
					.gracePeriod(Duration.ofSeconds(1))
					.build()),
				(routes) -> null));
		await().atMost(LAUNCH_TIMEOUT).until(() -> worker(node, 1).linked());
		long hung = worker(node, 1).pid();
		signal("STOP", hung);
		long began = System.nanoTime();
		await().atMost(LAUNCH_TIMEOUT).until(() -> worker(node, 1).pid() != hung && worker(node, 1).linked());
		System.out.printf("MEASURED: SIGSTOP to a linked replacement in %d ms (heartbeat timeout 1 s, grace 1 s)%n",
				Duration.ofNanos(System.nanoTime() - began).toMillis());
		assertThat(ProcessHandle.of(hung).map(ProcessHandle::isAlive).orElse(false)).isFalse();
		WorkerSnapshot replaced = worker(node, 1);
		assertThat(replaced.state()).isEqualTo(WorkerState.RUNNING);
		assertThat(replaced.restarts()).isEqualTo(1);
		assertThat(replaced.lastExitReason()).isEqualTo("link lost (no heartbeat for 1s)");
	}

	private static SupervisorOptions.Builder workerOptions(int workers, Supplier<IpcEndpoint> endpoint) {
		return SupervisorOptions.builder(WorkerCommand.ofCurrentJvm(LinkingWorkerMain.class.getName(), WorkerJvm.OPTIONS,
				List.of("4242")))
			.workers(workers)
			.environment((id) -> Map.of(WorkerEnvironment.IPC_ENDPOINT, endpoint.get().toString(), WorkerEnvironment.IPC_SECRET,
					IpcHubs.SECRET.toBase64(), WorkerEnvironment.PRIMARY_PID, Long.toString(ProcessHandle.current().pid())));
	}

	private static WorkerSnapshot worker(PrimaryNode node, int id) {
		return node.workers().stream().filter((worker) -> worker.id() == id).findFirst().orElseThrow();
	}

	private static void signal(String signal, long pid) throws Exception {
		assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
	}

	private PrimaryNode started(PrimaryNode node) {
		this.nodes.add(node);
		node.start();
		return node;
	}

	private IpcClient link(IpcEndpoint endpoint, int id) {
		IpcClient client = IpcHubs.client(endpoint, id);
		this.clients.add(client);
		client.connect().orTimeout(10, TimeUnit.SECONDS).join();
		return client;
	}

}

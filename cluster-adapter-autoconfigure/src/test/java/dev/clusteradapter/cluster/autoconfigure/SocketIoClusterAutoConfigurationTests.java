package dev.clusteradapter.cluster.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.clusteradapter.cluster.ClusterBus;
import dev.clusteradapter.cluster.adapter.AdapterMetrics;
import dev.clusteradapter.cluster.adapter.ClusterAdapter;
import dev.clusteradapter.cluster.adapter.ConnectionRecoveryOptions;
import dev.clusteradapter.cluster.adapter.RequestTotals;
import dev.clusteradapter.cluster.adapter.RequestType;
import dev.clusteradapter.cluster.adapter.SocketIoCluster;
import dev.clusteradapter.cluster.ipc.IpcClient;
import dev.clusteradapter.cluster.ipc.IpcHub;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.ipc.IpcTransport;
import dev.clusteradapter.cluster.node.PrimaryNode;
import dev.clusteradapter.cluster.node.WorkerNode;
import com.corundumstudio.socketio.SocketIOServer;
import dev.clusteradapter.cluster.autoconfigure.endpoint.SocketIoClusterEndpoint;
import dev.clusteradapter.cluster.autoconfigure.endpoint.SocketIoClusterEndpointAutoConfiguration;
import dev.clusteradapter.cluster.autoconfigure.health.SocketIoClusterHealthContributorAutoConfiguration;
import dev.clusteradapter.cluster.autoconfigure.metrics.SocketIoClusterMetricsAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SocketIoClusterAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SocketIoClusterAutoConfigurationTests {

	private static final String SECRET = IpcSecret.generate().toBase64();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoClusterAutoConfiguration.class))
		.withPropertyValues("socketio.cluster.port=0", "socketio.cluster.host=127.0.0.1");

	@Test
	void primaryWithExternalWorkersRunsTheHubOnly() {
		this.contextRunner.withPropertyValues("socketio.cluster.workers=0").run((context) -> {
			assertThat(context).hasSingleBean(PrimaryNode.class).hasSingleBean(IpcHub.class).doesNotHaveBean(WorkerNode.class);
			PrimaryNode node = context.getBean(PrimaryNode.class);
			assertThat(context.getBean(ClusterBus.class).nodeId()).isEqualTo(ClusterBus.PRIMARY);
			assertThat(node.endpoint()).isNotNull();
			assertThat(node.workers()).isEmpty();
		});
	}

	@Test
	void primaryPublishesItsBoundPublicPort() {
		this.contextRunner.withPropertyValues("socketio.cluster.workers=0").run((context) -> {
			int bound = context.getBean(PrimaryNode.class).publicAddress().getPort();
			assertThat(bound).isPositive();
			assertThat(context.getEnvironment().getProperty("local.socketio.cluster.port", Integer.class)).isEqualTo(bound);
		});
	}

	@Test
	void disabledStarterConfiguresNothing() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SocketIoClusterAutoConfiguration.class,
					SocketIoServerAutoConfiguration.class, SocketIoClusterHealthContributorAutoConfiguration.class,
					SocketIoClusterMetricsAutoConfiguration.class, SocketIoClusterEndpointAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("socketio.cluster.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ClusterProperties.class)
				.doesNotHaveBean(ClusterBus.class)
				.doesNotHaveBean(ClusterNodeLifecycle.class)
				.doesNotHaveBean(PrimaryNode.class)
				.doesNotHaveBean(IpcHub.class)
				.doesNotHaveBean(SocketIOServer.class)
				.doesNotHaveBean(SocketIoCluster.class)
				.doesNotHaveBean(HealthIndicator.class)
				.doesNotHaveBean(SocketIoClusterEndpoint.class));
	}

	@Test
	void primarySaysAtStartWhatItBecameAndWhy(CapturedOutput output) {
		this.contextRunner.withPropertyValues("socketio.cluster.workers=0")
			.run((context) -> assertThat(output).contains("Socket.IO cluster: primary (socketio.cluster.role=auto, "
					+ "not started by a primary), waiting for external workers (socketio.cluster.workers=0); "
					+ "turn it off with socketio.cluster.enabled=false")
				.contains("IPC hub listening on ")
				.contains("Socket.IO cluster listening on 127.0.0.1:")
				.contains(", sticky mode "));
	}

	@Test
	void standaloneSaysAtStartWhatItBecame(CapturedOutput output) {
		this.contextRunner.withPropertyValues("socketio.cluster.role=standalone")
			.run((context) -> assertThat(output).contains("Socket.IO cluster: standalone (socketio.cluster.role=standalone)"));
	}

	@Test
	void connectionStateRecoveryIsOffUnlessEnabled() {
		this.contextRunner.withPropertyValues("socketio.cluster.role=standalone")
			.run((context) -> assertThat(context.getBean(ClusterAdapter.class).recovery().enabled()).isFalse());
	}

	@Test
	void connectionStateRecoveryPropertiesReachTheAdapter() {
		this.contextRunner
			.withPropertyValues("socketio.cluster.role=standalone", "socketio.server.connection-state-recovery.enabled=true",
					"socketio.server.connection-state-recovery.max-disconnection-duration=30s",
					"socketio.server.connection-state-recovery.skip-middlewares=false",
					"socketio.server.connection-state-recovery.max-missed-events=50",
					"socketio.server.connection-state-recovery.max-logged-events=500",
					"socketio.server.connection-state-recovery.max-sessions=70")
			.run((context) -> assertThat(context.getBean(ClusterAdapter.class).recovery().options())
				.isEqualTo(new ConnectionRecoveryOptions(Duration.ofSeconds(30), false, 50, 500, 70)));
	}

	@Test
	void standaloneHasNoClusterNode() {
		this.contextRunner.withPropertyValues("socketio.cluster.role=standalone")
			.run((context) -> assertThat(context).doesNotHaveBean(PrimaryNode.class)
				.doesNotHaveBean(WorkerNode.class)
				.doesNotHaveBean(IpcHub.class));
	}

	@Test
	void externalWorkerJoinsAPrimaryByAddressAndSecret() {
		this.contextRunner
			.withPropertyValues("socketio.cluster.workers=0", "socketio.cluster.ipc.transport=tcp",
					"socketio.cluster.ipc.secret=" + SECRET)
			.run((primary) -> {
				PrimaryNode node = primary.getBean(PrimaryNode.class);
				this.contextRunner
					.withPropertyValues("socketio.cluster.role=worker", "socketio.cluster.worker-id=7",
							"socketio.cluster.ipc.address=" + node.endpoint(), "socketio.cluster.ipc.secret=" + SECRET)
					.run((worker) -> {
						assertThat(worker).hasNotFailed().hasSingleBean(WorkerNode.class);
						assertThat(worker.getBean(ClusterBus.class).nodeId()).isEqualTo(7);
						await().atMost(Duration.ofSeconds(10))
							.untilAsserted(() -> assertThat(node.workers()).singleElement()
								.satisfies((snapshot) -> assertThat(snapshot.linked()).isTrue()));
					});
			});
	}

	@Test
	void workerWithAWrongSecretFailsToStart() {
		this.contextRunner
			.withPropertyValues("socketio.cluster.workers=0", "socketio.cluster.ipc.secret=" + SECRET)
			.run((primary) -> this.contextRunner
				.withPropertyValues("socketio.cluster.role=worker",
						"socketio.cluster.ipc.address=" + primary.getBean(PrimaryNode.class).endpoint(),
						"socketio.cluster.ipc.secret=" + IpcSecret.generate().toBase64())
				.run((worker) -> assertThat(worker).hasFailed()
					.getFailure()
					.hasRootCauseMessage("rejected by the primary: authentication failed")));
	}

	@Test
	void workerWithoutAnAddressFailsClearly() {
		this.contextRunner.withPropertyValues("socketio.cluster.role=worker")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("socketio.cluster.ipc.address"));
	}

	@Test
	void bindsIpcProperties() {
		this.contextRunner
			.withPropertyValues("socketio.cluster.workers=0", "socketio.cluster.ipc.transport=tcp",
					"socketio.cluster.ipc.max-frame-size=1MB", "socketio.cluster.heartbeat-timeout=3s")
			.run((context) -> {
				ClusterProperties properties = context.getBean(ClusterProperties.class);
				assertThat(properties.getIpc().getTransport()).isEqualTo(IpcTransport.TCP);
				assertThat(properties.getIpc().getMaxFrameSize().toBytes()).isEqualTo(1024 * 1024);
				assertThat(properties.getHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(context.getBean(PrimaryNode.class).endpoint().toString()).startsWith("tcp:127.0.0.1:");
			});
	}

	@Test
	void userSecretBacksOff() {
		IpcSecret secret = IpcSecret.generate();
		this.contextRunner.withPropertyValues("socketio.cluster.workers=0")
			.withBean(IpcSecret.class, () -> secret)
			.run((context) -> assertThat(context.getBean(IpcSecret.class)).isSameAs(secret));
	}

	@Test
	void workerBusIsItsIpcClient() {
		this.contextRunner.withPropertyValues("socketio.cluster.workers=0", "socketio.cluster.ipc.secret=" + SECRET)
			.run((primary) -> this.contextRunner
				.withPropertyValues("socketio.cluster.role=worker",
						"socketio.cluster.ipc.address=" + primary.getBean(PrimaryNode.class).endpoint(),
						"socketio.cluster.ipc.secret=" + SECRET)
				.run((worker) -> assertThat(worker.getBean(ClusterBus.class)).isSameAs(worker.getBean(IpcClient.class))));
	}

	@Test
	void workerTotalsItsRequestsBesideTheUsersHook() {
		List<RequestType> heard = new CopyOnWriteArrayList<>();
		AdapterMetrics hook = (type, outcome, duration) -> heard.add(type);
		this.contextRunner.withPropertyValues("socketio.cluster.workers=0", "socketio.cluster.ipc.secret=" + SECRET)
			.run((primary) -> this.contextRunner
				.withPropertyValues("socketio.cluster.role=worker",
						"socketio.cluster.ipc.address=" + primary.getBean(PrimaryNode.class).endpoint(),
						"socketio.cluster.ipc.secret=" + SECRET)
				.withBean(AdapterMetrics.class, () -> hook)
				.run((worker) -> {
					assertThat(worker).hasNotFailed().hasSingleBean(RequestTotals.class);
					worker.getBean(SocketIoCluster.class).fetchSockets().get(10, TimeUnit.SECONDS);
					assertThat(heard).containsExactly(RequestType.FETCH_SOCKETS);
					assertThat(worker.getBean(RequestTotals.class).snapshot()).containsOnlyKeys("fetch_sockets:success");
				}));
	}

	@Test
	void primaryKeepsNoRequestTotals() {
		this.contextRunner.withPropertyValues("socketio.cluster.workers=0")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestTotals.class));
	}

}

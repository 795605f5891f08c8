package dev.clusteradapter.cluster.autoconfigure.health;

import java.time.Duration;
import java.util.Map;

import dev.clusteradapter.cluster.autoconfigure.SocketIoClusterAutoConfiguration;
import dev.clusteradapter.cluster.autoconfigure.SocketIoServerCustomizer;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.node.PrimaryNode;
import dev.clusteradapter.cluster.sticky.TestClients;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SocketIoClusterHealthContributorAutoConfiguration}.
 */
class SocketIoClusterHealthContributorAutoConfigurationTests {

	private static final String SECRET = IpcSecret.generate().toBase64();

	private static final String INDICATOR = "socketIoClusterHealthIndicator";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoClusterAutoConfiguration.class,
				SocketIoClusterHealthContributorAutoConfiguration.class))
		.withPropertyValues("socketio.cluster.port=0", "socketio.cluster.host=127.0.0.1",
				"socketio.cluster.ipc.secret=" + SECRET);

	@Test
	void primaryWithoutServingWorkersIsDown() {
		this.contextRunner.withPropertyValues("socketio.cluster.workers=0").run((context) -> {
			assertThat(context).hasSingleBean(PrimaryHealthIndicator.class).hasBean(INDICATOR);
			Health health = context.getBean(INDICATOR, HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("role", "primary")
				.containsEntry("ipcEndpoint", context.getBean(PrimaryNode.class).endpoint().toString())
				.containsEntry("servingWorkers", 0L)
				.containsEntry("workers", Map.of());
			assertThat((String) health.getDetails().get("publicAddress")).startsWith("127.0.0.1:");
		});
	}

	@Test
	void primaryWithAServingExternalWorkerIsUpAndDetailsIt() {
		this.contextRunner.withPropertyValues("socketio.cluster.workers=0").run((primary) -> {
			PrimaryNode node = primary.getBean(PrimaryNode.class);
			HealthIndicator indicator = primary.getBean(INDICATOR, HealthIndicator.class);
			ExternalWorker.joining(node, SECRET, 7).run((worker) -> {
				assertThat(worker).hasNotFailed();
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
				Map<String, Object> workers = details(indicator.health().getDetails().get("workers"));
				assertThat(workers).containsOnlyKeys("7");
				assertThat(details(workers.get("7"))).containsEntry("linked", true)
					.containsEntry("serving", true)
					.containsEntry("state", "EXTERNAL")
					.containsEntry("clients", 0)
					.containsEntry("restarts", 0)
					.containsEntry("lastExitReason", null)
					.containsKeys("pid", "rooms", "lastHeartbeatAgeMs");
				assertThat(worker.getBean(INDICATOR, HealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
			});
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN));
		});
	}

	@Test
	void primaryCountsTheRoomsTheClientsOfAWorkerJoined() {
		this.contextRunner.withPropertyValues("socketio.cluster.workers=0").run((primary) -> {
			PrimaryNode node = primary.getBean(PrimaryNode.class);
			HealthIndicator indicator = primary.getBean(INDICATOR, HealthIndicator.class);
			ExternalWorker.joining(node, SECRET, 4)
				.withBean(SocketIoServerCustomizer.class, () -> (server) -> server.addEventListener("join", String.class,
						(client, room, ack) -> {
							client.joinRoom(room);
							ack.sendAckData(room);
						}))
				.run((worker) -> {
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
					try (TestClients clients = new TestClients()) {
						Socket alice = clients.connect(node.publicAddress(), WebSocket.NAME);
						Socket bob = clients.connect(node.publicAddress(), WebSocket.NAME);
						TestClients.call(alice, "join", "lobby");
						TestClients.call(alice, "join", "games");
						TestClients.call(bob, "join", "lobby");
						// lobby and games; not the namespace's own room every client is in
						await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
								details(details(indicator.health().getDetails().get("workers")).get("4")))
							.containsEntry("clients", 2)
							.containsEntry("rooms", 2));
					}
				});
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(Object map) {
		return (Map<String, Object>) map;
	}

	@Test
	void workerIsUpWhileLinked() {
		this.contextRunner.withPropertyValues("socketio.cluster.workers=0").run((primary) -> {
			ExternalWorker.joining(primary.getBean(PrimaryNode.class), SECRET, 3).run((worker) -> {
				assertThat(worker).hasSingleBean(WorkerHealthIndicator.class);
				Health health = worker.getBean(INDICATOR, HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("role", "worker")
					.containsEntry("workerId", 3)
					.containsEntry("linked", true);
			});
		});
	}

	@Test
	void standaloneIsUp() {
		this.contextRunner.withPropertyValues("socketio.cluster.role=standalone").run((context) -> {
			assertThat(context).hasSingleBean(StandaloneHealthIndicator.class);
			Health health = context.getBean(INDICATOR, HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("role", "standalone");
		});
	}

	@Test
	void disabledByProperty() {
		this.contextRunner
			.withPropertyValues("socketio.cluster.workers=0", "management.health.socketiocluster.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(INDICATOR).hasSingleBean(PrimaryNode.class));
	}

	@Test
	void disabledWithOtherIndicatorsByDefaultsProperty() {
		this.contextRunner
			.withPropertyValues("socketio.cluster.workers=0", "management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(INDICATOR));
	}

	@Test
	void absentWithoutSpringBootHealth() {
		this.contextRunner.withPropertyValues("socketio.cluster.workers=0")
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(INDICATOR));
	}

	@Test
	void userIndicatorBacksOff() {
		HealthIndicator own = () -> Health.outOfService().build();
		this.contextRunner.withPropertyValues("socketio.cluster.workers=0")
			.withBean(INDICATOR, HealthIndicator.class, () -> own)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PrimaryHealthIndicator.class);
				assertThat(context.getBean(INDICATOR)).isSameAs(own);
			});
	}

}

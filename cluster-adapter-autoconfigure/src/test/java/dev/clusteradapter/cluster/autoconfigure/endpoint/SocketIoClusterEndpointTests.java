package dev.clusteradapter.cluster.autoconfigure.endpoint;

import java.time.Duration;

import dev.clusteradapter.cluster.autoconfigure.SocketIoClusterAutoConfiguration;
import dev.clusteradapter.cluster.autoconfigure.SocketIoServerAutoConfiguration;
import dev.clusteradapter.cluster.autoconfigure.endpoint.SocketIoClusterEndpoint.ClusterDescription;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.node.PrimaryNode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SocketIoClusterEndpoint}, against a real primary and external worker.
 */
class SocketIoClusterEndpointTests {

	private static final String SECRET = IpcSecret.generate().toBase64();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoClusterAutoConfiguration.class,
				SocketIoServerAutoConfiguration.class, SocketIoClusterEndpointAutoConfiguration.class))
		.withPropertyValues("socketio.cluster.port=0", "socketio.cluster.host=127.0.0.1",
				"socketio.cluster.ipc.secret=" + SECRET, "socketio.cluster.heartbeat-interval=100ms",
				"socketio.server.port=0");

	@Test
	void primaryListsItsWorkersAndAWorkerItsLink() {
		this.contextRunner.withPropertyValues("socketio.cluster.workers=0").run((primary) -> {
			SocketIoClusterEndpoint endpoint = primary.getBean(SocketIoClusterEndpoint.class);
			assertThat(endpoint.cluster().workers()).isEmpty();
			this.contextRunner
				.withPropertyValues("socketio.cluster.role=worker", "socketio.cluster.worker-id=5",
						"socketio.cluster.ipc.address=" + primary.getBean(PrimaryNode.class).endpoint())
				.run((worker) -> {
					await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
						ClusterDescription cluster = endpoint.cluster();
						assertThat(cluster.role()).isEqualTo("primary");
						assertThat(cluster.workers()).singleElement().satisfies((described) -> {
							assertThat(described.id()).isEqualTo(5);
							assertThat(described.pid()).isEqualTo(ProcessHandle.current().pid());
							assertThat(described.state()).isEqualTo("EXTERNAL");
							assertThat(described.linked()).isTrue();
							assertThat(described.serving()).isTrue();
							assertThat(described.lastHeartbeat()).isNotNull();
							assertThat(described.restarts()).isZero();
						});
					});
					ClusterDescription own = worker.getBean(SocketIoClusterEndpoint.class).cluster();
					assertThat(own.role()).isEqualTo("worker");
					assertThat(own.linked()).isTrue();
					assertThat(own.workers()).isEmpty();
				});
		});
	}

}

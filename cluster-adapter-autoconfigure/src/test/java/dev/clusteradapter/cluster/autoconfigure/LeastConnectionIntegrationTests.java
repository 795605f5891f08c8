package dev.clusteradapter.cluster.autoconfigure;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.corundumstudio.socketio.SocketIOServer;
import dev.clusteradapter.cluster.autoconfigure.health.ExternalWorker;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.node.PrimaryNode;
import dev.clusteradapter.cluster.node.WorkerSnapshot;
import dev.clusteradapter.cluster.sticky.SessionIdCodec;
import dev.clusteradapter.cluster.sticky.TestClients;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Least-connection balancing of a real primary between two real workers, all in this JVM,
 * driven through the public port by the official Java client: the router counts the
 * sessions it routes and the workers report theirs as they open and close, so a burst of
 * connects splits evenly whatever came before, with heartbeats a second apart.
 */
class LeastConnectionIntegrationTests {

	private static final String SECRET = IpcSecret.generate().toBase64();

	private final ApplicationContextRunner primaryRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoClusterAutoConfiguration.class))
		.withPropertyValues("socketio.cluster.port=0", "socketio.cluster.host=127.0.0.1",
				"socketio.cluster.ipc.secret=" + SECRET, "socketio.cluster.workers=0",
				"socketio.cluster.load-balancing=least-connection");

	@Test
	void burstsOfSequentialConnectsSplitEvenlyAfterClientsOfOneWorkerLeft() {
		this.primaryRunner.run((primary) -> {
			PrimaryNode node = primary.getBean(PrimaryNode.class);
			worker(node, 1).run((one) -> worker(node, 2).run((two) -> {
				await().atMost(Duration.ofSeconds(20))
					.until(() -> node.workers().stream().filter(WorkerSnapshot::serving).count() == 2);
				InetSocketAddress address = node.publicAddress();
				try (TestClients clients = new TestClients()) {
					List<Socket> first = connect(clients, address, 20);
					awaitClients(one, two, 20);
					assertThat(clients(one)).as("first burst on worker 1").isBetween(9, 11);
					// the clients of worker 1 leave: the next burst must fill it up again
					first.stream().filter((socket) -> workerOf(socket) == 1).forEach(Socket::close);
					await().atMost(Duration.ofSeconds(10)).until(() -> clients(one) == 0);
					int stayed = clients(two);
					connect(clients, address, 20);
					awaitClients(one, two, stayed + 20);
					int even = (stayed + 20) / 2;
					assertThat(clients(one)).as("worker 1 after the second burst").isBetween(even - 1, even + 1);
					assertThat(clients(two)).as("worker 2 after the second burst").isBetween(even - 1, even + 1);
				}
			}));
		});
	}

	/** A worker whose heartbeats come as seldom as by default. */
	private static ApplicationContextRunner worker(PrimaryNode node, int id) {
		return ExternalWorker.joining(node, SECRET, id).withPropertyValues("socketio.cluster.heartbeat-interval=1s");
	}

	private static List<Socket> connect(TestClients clients, InetSocketAddress address, int count) {
		List<Socket> sockets = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			sockets.add(clients.connect(address, WebSocket.NAME));
		}
		return sockets;
	}

	private static int workerOf(Socket socket) {
		return SessionIdCodec.workerOf(socket.id()).orElseThrow();
	}

	private static void awaitClients(ConfigurableApplicationContext one, ConfigurableApplicationContext two,
			int total) {
		await().atMost(Duration.ofSeconds(10)).until(() -> clients(one) + clients(two) == total);
	}

	private static int clients(ConfigurableApplicationContext worker) {
		return worker.getBean(SocketIOServer.class).getAllClients().size();
	}

}

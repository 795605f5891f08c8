package dev.clusteradapter.cluster.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.store.MemoryStoreFactory;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event encoded once reaches every client intact over each transport, WebSocket clients
 * straight through their channel, and never overtakes what netty-socketio sent a client before.
 */
class EncodedEventWriterTests {

	private final WriterCapture storeFactory = new WriterCapture();

	private ClusterSocketIoServer server;

	private final List<JavaClient> clients = new ArrayList<>();

	@BeforeEach
	void startServer() {
		Configuration configuration = ClusterSocketIoServer.newConfiguration();
		configuration.setHostname("127.0.0.1");
		configuration.setPort(0);
		configuration.setStoreFactory(this.storeFactory);
		this.server = new ClusterSocketIoServer(configuration);
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.clients.forEach(JavaClient::close);
		this.server.stop();
	}

	@ParameterizedTest
	@EnumSource(ClientTransports.class)
	void reachesEveryClientIntact(ClientTransports transports) throws Exception {
		List<List<Object[]>> received = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			JavaClient client = connect(transports);
			List<Object[]> events = new CopyOnWriteArrayList<>();
			client.socket().on("news", events::add);
			received.add(events);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> this.server.getAllClients().size() == 3
				&& this.server.getAllClients().stream().allMatch((c) -> c.getTransport() == transports.settled()));
		byte[] bytes = { 0, 1, 2, (byte) 0xFF };
		writer().write(EncodedEventPacket.of("", "news", List.of("{\"n\":1}".getBytes(StandardCharsets.UTF_8), bytes),
				new boolean[] { false, true }), new ArrayList<>(this.server.getAllClients()));
		for (List<Object[]> events : received) {
			await().atMost(Duration.ofSeconds(20)).until(() -> events.size() == 1);
			Object[] args = events.get(0);
			assertThat(((JSONObject) args[0]).getInt("n")).isEqualTo(1);
			assertThat(args[1]).isEqualTo(bytes);
		}
		assertThat(writer().webSocketCount()).isEqualTo((transports.settled() == Transport.WEBSOCKET) ? 3 : 0);
	}

	@Test
	void neverOvertakesWhatNettySocketioSentBefore() {
		JavaClient client = connect(ClientTransports.POLLING_THEN_UPGRADE);
		List<Integer> received = new CopyOnWriteArrayList<>();
		client.socket().on("seq", (args) -> received.add((Integer) args[0]));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.server.getAllClients().size() == 1);
		SocketIOClient serverSide = this.server.getAllClients().iterator().next();
		// the upgrade happens while events flow, through both paths in turn
		for (int i = 0; i < 400; i++) {
			if (i % 2 == 0) {
				serverSide.sendEvent("seq", i);
			}
			else {
				writer().write(EncodedEventPacket.of("", "seq", List.of(Integer.toString(i).getBytes(StandardCharsets.UTF_8)),
						new boolean[1]), List.of(serverSide));
			}
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 400);
		List<Integer> expected = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			expected.add(i);
		}
		assertThat(received).containsExactlyElementsOf(expected);
	}

	@Test
	void forgetsAClosedWebSocket() {
		JavaClient client = connect(ClientTransports.WEBSOCKET);
		await().atMost(Duration.ofSeconds(20)).until(() -> writer().webSocketCount() == 1);
		client.close();
		await().atMost(Duration.ofSeconds(20)).until(() -> writer().webSocketCount() == 0);
	}

	private JavaClient connect(ClientTransports transports) {
		JavaClient client = JavaClient.connect("http://127.0.0.1:" + this.server.getPort(), transports);
		this.clients.add(client);
		return client;
	}

	private EncodedEventWriter writer() {
		assertThat(this.storeFactory.writer).as("writer handed to the store factory").isNotNull();
		return this.storeFactory.writer;
	}

	private static final class WriterCapture extends MemoryStoreFactory implements EncodedEventsAware {

		private volatile EncodedEventWriter writer;

		@Override
		public void encodedEventsWritten(EncodedEventWriter writer) {
			this.writer = writer;
		}

	}

}

package dev.clusteradapter.cluster.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOClient;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.clusteradapter.cluster.socketio.EncodedEventPacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event encoded once reaches every client intact over each transport, and keeps its place
 * among the packets netty-socketio serialises itself, through the upgrade too.
 */
class EncodedEventDeliveryTests {

	private ClusteredSocketIOServer server;

	private final List<JavaClient> clients = new ArrayList<>();

	@BeforeEach
	void startServer() {
		Configuration configuration = ClusteredSocketIOServer.newConfiguration();
		configuration.setHostname("127.0.0.1");
		configuration.setPort(0);
		this.server = new ClusteredSocketIOServer(configuration);
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
		EncodedEventPacket packet = EncodedEventPacket.of("", "news",
				List.of("{\"n\":1}".getBytes(StandardCharsets.UTF_8), bytes), new boolean[] { false, true });
		this.server.getAllClients().forEach((client) -> client.send(packet));
		for (List<Object[]> events : received) {
			await().atMost(Duration.ofSeconds(20)).until(() -> events.size() == 1);
			Object[] args = events.get(0);
			assertThat(((JSONObject) args[0]).getInt("n")).isEqualTo(1);
			assertThat(args[1]).isEqualTo(bytes);
		}
	}

	@Test
	void keepsItsPlaceAmongWhatNettySocketioSerialises() {
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
				serverSide.send(EncodedEventPacket.of("", "seq",
						List.of(Integer.toString(i).getBytes(StandardCharsets.UTF_8)), new boolean[1]));
			}
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 400);
		List<Integer> expected = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			expected.add(i);
		}
		assertThat(received).containsExactlyElementsOf(expected);
	}

	private JavaClient connect(ClientTransports transports) {
		JavaClient client = JavaClient.connect("http://127.0.0.1:" + this.server.getPort(), transports);
		this.clients.add(client);
		return client;
	}

}

package dev.clusteradapter.cluster.server;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the server sends reaches Socket.IO v4 clients intact: binary events to one client
 * and binary broadcasts to several, over each transport, to the JavaScript and the Java
 * client.
 */
class EngineIoV4EncoderTests {

	private static final int[] SIZES = { 1, 64 * 1024, 900_000 };

	private ProbeServer server;

	@BeforeEach
	void startServer() {
		this.server = ProbeServer.start();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@ParameterizedTest
	@EnumSource(ClientTransports.class)
	void binaryEventsReachEachClientIntact(ClientTransports transports) {
		try (NodeClient js = listen(transports); JavaClient java = JavaClient.connect(this.server.url(), transports)) {
			List<Object> javaReceived = receiveBin(java);
			EngineIoV4DecoderTests.awaitSettled(this.server, java, transports);
			UUID jsId = UUID.fromString(js.awaitOne("connected").path("id").asText());
			for (int size : SIZES) {
				this.server.server().getClient(jsId).sendEvent("bin", (Object) ProbeServer.pattern(size));
				this.server.server().getClient(java.id()).sendEvent("bin", (Object) ProbeServer.pattern(size));
			}
			assertIntact(js.awaitEvents("bin", SIZES.length, Duration.ofSeconds(60)));
			assertReceivedIntact(javaReceived);
		}
	}

	@ParameterizedTest
	@EnumSource(ClientTransports.class)
	void binaryBroadcastsReachEveryClientIntact(ClientTransports transports) {
		try (NodeClient js1 = listen(transports); NodeClient js2 = listen(transports);
				JavaClient java = JavaClient.connect(this.server.url(), transports)) {
			List<Object> javaReceived = receiveBin(java);
			EngineIoV4DecoderTests.awaitSettled(this.server, java, transports);
			js1.awaitOne("connected");
			js2.awaitOne("connected");
			for (int size : SIZES) {
				this.server.server().getBroadcastOperations().sendEvent("bin", (Object) ProbeServer.pattern(size));
			}
			assertIntact(js1.awaitEvents("bin", SIZES.length, Duration.ofSeconds(60)));
			assertIntact(js2.awaitEvents("bin", SIZES.length, Duration.ofSeconds(60)));
			assertReceivedIntact(javaReceived);
		}
	}

	private NodeClient listen(ClientTransports transports) {
		return NodeClient.run("listen.js", this.server.url(), transports.transports(),
				String.valueOf(transports.upgrade()));
	}

	private static List<Object> receiveBin(JavaClient client) {
		List<Object> received = new CopyOnWriteArrayList<>();
		client.socket().on("bin", (args) -> received.add(args[0]));
		return received;
	}

	private static void assertIntact(List<JsonNode> received) {
		assertThat(received).allSatisfy((bin) -> {
			assertThat(bin.path("binary").asBoolean()).as(bin.toString()).isTrue();
			assertThat(bin.path("intact").asBoolean()).as(bin.toString()).isTrue();
		});
		assertThat(received).map((bin) -> bin.path("length").asInt()).containsExactly(SIZES[0], SIZES[1], SIZES[2]);
	}

	private static void assertReceivedIntact(List<Object> received) {
		await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= SIZES.length);
		assertThat(received).hasSize(SIZES.length);
		for (int i = 0; i < SIZES.length; i++) {
			assertThat(received.get(i)).as("event %d", i).isInstanceOf(byte[].class)
				.isEqualTo(ProbeServer.pattern(SIZES[i]));
		}
	}

}

package dev.clusteradapter.cluster.server;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that sends a malformed Socket.IO packet loses its session, on either transport,
 * as with Socket.IO's {@code "parse error"}, and the server serves on; an application
 * listener that throws keeps its client.
 */
class ClientErrorListenerTests {

	@ParameterizedTest
	@ValueSource(strings = { "42[garbage", "42[\"echo\"", "4242424242" })
	void malformedPacketOverPollingEndsItsSession(String packet) {
		try (ProbeServer server = ProbeServer.start()) {
			String sid = RawHttp.openPollingSession(server.port());
			assertThat(RawHttp.poll(server.port(), sid).body()).startsWith("40");
			RawHttp.Response post = RawHttp.exchange(server.port(), "POST /socket.io/?EIO=4&transport=polling&sid=" + sid
					+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + packet.length() + "\r\n\r\n" + packet);
			assertThat(post.head()).startsWith("HTTP/1.1 200");
			// the next poll reads Engine.IO's close packet (the client reconnects), or finds the
			// session gone; never Socket.IO's disconnect, after which a client stays away
			RawHttp.Response poll = RawHttp.poll(server.port(), sid);
			assertThat(poll.body()).satisfiesAnyOf((body) -> assertThat(body).isEqualTo("1"),
					(body) -> assertThat(body).contains("Session ID unknown"));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(RawHttp.poll(server.port(), sid).body()).contains("Session ID unknown"));
			server.assertServesEveryTransport();
		}
	}

	@Test
	void malformedPacketOverWebSocketClosesItWithInvalidPayloadData() throws Exception {
		try (ProbeServer server = ProbeServer.start()) {
			RawWebSocket webSocket = RawWebSocket.connect(server.port());
			webSocket.send("42[garbage");
			assertThat(webSocket.awaitClose()).isEqualTo(1007);
			server.assertServesEveryTransport();
		}
	}

	@Test
	void listenerThatThrowsKeepsItsClient() {
		try (ProbeServer server = ProbeServer.start()) {
			server.server().addEventListener("fail", Object.class, (client, data, ack) -> {
				throw new IllegalStateException("the application's own failure");
			});
			try (JavaClient client = JavaClient.connect(server.url(), ClientTransports.WEBSOCKET)) {
				client.socket().emit("fail", "now");
				assertThat(client.emitWithAck("echo", "still here")).isEqualTo("still here");
				assertThat(client.socket().connected()).isTrue();
			}
		}
	}

}

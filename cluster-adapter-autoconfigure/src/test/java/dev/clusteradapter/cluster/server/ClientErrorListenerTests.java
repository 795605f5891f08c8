package dev.clusteradapter.cluster.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
			String sid = openPollingSession(server.port());
			RawHttp.Response post = RawHttp.exchange(server.port(), "POST /socket.io/?EIO=4&transport=polling&sid=" + sid
					+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + packet.length() + "\r\n\r\n" + packet);
			assertThat(post.head()).startsWith("HTTP/1.1 200");
			// the next poll reads the disconnect packet, or finds the session gone
			RawHttp.Response poll = poll(server.port(), sid);
			assertThat(poll.body()).satisfiesAnyOf((body) -> assertThat(body).isEqualTo("41"),
					(body) -> assertThat(body).contains("Session ID unknown"));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(poll(server.port(), sid).body()).contains("Session ID unknown"));
			assertServing(server);
		}
	}

	@Test
	void malformedPacketOverWebSocketClosesItWithInvalidPayloadData() throws Exception {
		try (ProbeServer server = ProbeServer.start()) {
			CompletableFuture<Void> connected = new CompletableFuture<>();
			CompletableFuture<Integer> closed = new CompletableFuture<>();
			WebSocket webSocket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket"),
						new WebSocket.Listener() {

							@Override
							public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
								String message = data.toString();
								if (message.startsWith("0")) {
									socket.sendText("40", true);
								}
								else if (message.startsWith("40")) {
									connected.complete(null);
								}
								socket.request(1);
								return null;
							}

							@Override
							public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
								closed.complete(statusCode);
								return null;
							}

							@Override
							public void onError(WebSocket socket, Throwable error) {
								closed.complete(-1);
							}

						})
				.get(10, TimeUnit.SECONDS);
			connected.get(10, TimeUnit.SECONDS);
			webSocket.sendText("42[garbage", true);
			assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1007);
			assertServing(server);
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

	private static String openPollingSession(int port) {
		RawHttp.Response open = RawHttp.exchange(port,
				"GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
		Matcher sid = Pattern.compile("\"sid\":\"([^\"]+)\"").matcher(open.body());
		assertThat(sid.find()).isTrue();
		RawHttp.Response connect = RawHttp.exchange(port, "POST /socket.io/?EIO=4&transport=polling&sid=" + sid.group(1)
				+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n40");
		assertThat(connect.body()).isEqualTo("ok");
		assertThat(poll(port, sid.group(1)).body()).startsWith("40");
		return sid.group(1);
	}

	private static RawHttp.Response poll(int port, String sid) {
		return RawHttp.exchange(port,
				"GET /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
	}

	private static void assertServing(ProbeServer server) {
		for (ClientTransports transports : ClientTransports.values()) {
			try (JavaClient client = JavaClient.connect(server.url(), transports)) {
				assertThat(client.emitWithAck("echo", "still serving")).isEqualTo("still serving");
			}
		}
	}

}

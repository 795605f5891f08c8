package dev.clusteradapter.cluster.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A payload over the server's limits gets a clear answer, as Engine.IO's does, and the
 * server serves on: a polling body over {@code maxHttpContentLength} gets
 * {@code 413 Payload Too Large} and a clean close once the body is read (never a reset
 * in the middle of the upload), a WebSocket frame over {@code maxFramePayloadLength} gets
 * a close frame with status 1009 (message too big).
 */
class OversizedPayloadTests {

	/** Over {@link ProbeServer}'s limit of 4 MB on both transports. */
	private static final int OVERSIZED = 5 * 1024 * 1024;

	private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

	@ParameterizedTest(name = "handed over: {0}")
	@ValueSource(booleans = { false, true })
	void pollingBodyOverTheLimitGets413ThenACleanCloseAndTheSessionLivesOn(boolean handedOver) throws Exception {
		try (ProbeServer server = ProbeServer.start();
				HandoverFront front = handedOver ? new HandoverFront((ClusterSocketIoServer) server.server()) : null;
				Socket socket = new Socket()) {
			String sid = handshake(server.port());
			// a handed-over connection replays what the front read with reading from the socket off
			int port = handedOver ? front.port() : server.port();
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " + OVERSIZED + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			// the whole body goes out, as a browser sends it: the server must read it, not reset
			byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
			for (int sent = 0; sent < OVERSIZED; sent += chunk.length) {
				out.write(chunk, 0, Math.min(chunk.length, OVERSIZED - sent));
			}
			out.flush();
			String response = readToEnd(socket.getInputStream());
			assertThat(response).startsWith("HTTP/1.1 413 ")
				.containsIgnoringCase("connection: close")
				.endsWith("payload too large");
			// the refused request did not end the session: its client may poll on
			RawHttp.Response poll = RawHttp.exchange(port,
					"GET /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
			assertThat(poll.head()).startsWith("HTTP/1.1 200");
			assertHealthy(server);
			if (handedOver) {
				assertThat(front.handedOver()).isEqualTo(2);
			}
		}
	}

	@Test
	void pollingRequestAnnouncingTooLargeABodyIsRefusedBeforeItIsSent() throws Exception {
		try (ProbeServer server = ProbeServer.start(); Socket socket = new Socket()) {
			String sid = handshake(server.port());
			socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
			socket.setSoTimeout(15_000);
			socket.getOutputStream()
				.write(("POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
						+ "Expect: 100-continue\r\nContent-Length: " + OVERSIZED + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			// the client waits for 100 Continue and sends nothing more: the answer comes at once
			assertThat(readToEnd(socket.getInputStream())).startsWith("HTTP/1.1 413 ");
			assertHealthy(server);
		}
	}

	@Test
	void webSocketFrameOverTheLimitIsClosedWithMessageTooBig() throws Exception {
		try (ProbeServer server = ProbeServer.start()) {
			CompletableFuture<Integer> closed = new CompletableFuture<>();
			CompletableFuture<Void> connected = new CompletableFuture<>();
			WebSocket.Listener listener = new WebSocket.Listener() {

				private final StringBuilder text = new StringBuilder();

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					this.text.append(data);
					if (last) {
						String message = this.text.toString();
						this.text.setLength(0);
						if (message.startsWith("0")) {
							webSocket.sendText("40", true);
						}
						else if (message.startsWith("40")) {
							connected.complete(null);
						}
					}
					webSocket.request(1);
					return null;
				}

				@Override
				public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
					closed.complete(statusCode);
					return null;
				}

				@Override
				public void onError(WebSocket webSocket, Throwable error) {
					closed.completeExceptionally(error);
				}

			};
			WebSocket webSocket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket"),
						listener)
				.get(10, TimeUnit.SECONDS);
			connected.get(10, TimeUnit.SECONDS);
			webSocket.sendText("42[\"echo\",\"" + "x".repeat(OVERSIZED) + "\"]", true);
			assertThat(closed.get(15, TimeUnit.SECONDS)).isEqualTo(1009);
			assertHealthy(server);
		}
	}

	private static void assertHealthy(ProbeServer server) {
		for (ClientTransports transports : ClientTransports.values()) {
			try (JavaClient client = JavaClient.connect(server.url(), transports)) {
				assertThat(client.emitWithAck("echo", "still serving")).isEqualTo("still serving");
			}
		}
	}

	private static String handshake(int port) {
		RawHttp.Response open = RawHttp.exchange(port,
				"GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
		Matcher sid = SID.matcher(open.body());
		assertThat(sid.find()).as(open.body()).isTrue();
		RawHttp.Response connect = RawHttp.exchange(port, "POST /socket.io/?EIO=4&transport=polling&sid="
				+ sid.group(1) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n40");
		assertThat(connect.body()).isEqualTo("ok");
		return sid.group(1);
	}

	/** Reads until the server closes; a reset instead of a close fails the test. */
	private static String readToEnd(InputStream in) throws IOException {
		ByteArrayOutputStream response = new ByteArrayOutputStream();
		in.transferTo(response);
		return response.toString(StandardCharsets.UTF_8);
	}

}

package dev.clusteradapter.cluster.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.RepeatedTest;
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

	@ParameterizedTest(name = "handed over: {0}")
	@ValueSource(booleans = { false, true })
	void pollingBodyOverTheLimitGets413ThenACleanCloseAndTheSessionLivesOn(boolean handedOver) throws Exception {
		try (ProbeServer server = ProbeServer.start();
				HandoverFront front = handedOver ? new HandoverFront((ClusteredSocketIOServer) server.server()) : null;
				Socket socket = new Socket()) {
			String sid = RawHttp.openPollingSession(server.port());
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
			server.assertServesEveryTransport();
			if (handedOver) {
				assertThat(front.handedOver()).isEqualTo(2);
			}
		}
	}

	@Test
	void pollingRequestAnnouncingTooLargeABodyIsRefusedBeforeItIsSent() throws Exception {
		try (ProbeServer server = ProbeServer.start(); Socket socket = new Socket()) {
			String sid = RawHttp.openPollingSession(server.port());
			socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
			socket.setSoTimeout(15_000);
			socket.getOutputStream()
				.write(("POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
						+ "Expect: 100-continue\r\nContent-Length: " + OVERSIZED + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			// the client waits for 100 Continue and sends nothing more: the answer comes at once
			assertThat(readToEnd(socket.getInputStream())).startsWith("HTTP/1.1 413 ");
			server.assertServesEveryTransport();
		}
	}

	@RepeatedTest(5)
	void webSocketFrameOverTheLimitIsClosedWithMessageTooBigThenAClosingHandshake() throws Exception {
		try (ProbeServer server = ProbeServer.start(); RawWebSocket webSocket = RawWebSocket.connect(server.port())) {
			// refused from its header on: the rest of the frame is still on its way
			webSocket.send("42[\"echo\",\"" + "x".repeat(OVERSIZED) + "\"]");
			assertClosedWithMessageTooBig(webSocket);
			server.assertServesEveryTransport();
		}
	}

	@RepeatedTest(5)
	void webSocketMessageOverTheLimitInSeveralFramesIsClosedWithMessageTooBigThenAClosingHandshake() throws Exception {
		try (ProbeServer server = ProbeServer.start(); RawWebSocket webSocket = RawWebSocket.connect(server.port())) {
			// each frame within the limit, the message over it: refused while frames still come
			webSocket.sendInFragments("42[\"echo\",\"" + "x".repeat(OVERSIZED) + "\"]", 64 * 1024);
			assertClosedWithMessageTooBig(webSocket);
			server.assertServesEveryTransport();
		}
	}

	/**
	 * The client reads a Close frame with status 1009, answers it, and the server then ends
	 * the connection in order: it read what the client was still sending instead of
	 * resetting the connection under it. Whether the client's own writes went through is
	 * not asked: a client may stop sending as soon as it reads the Close.
	 */
	private static void assertClosedWithMessageTooBig(RawWebSocket webSocket) throws Exception {
		assertThat(webSocket.awaitClose()).isEqualTo(1009);
		assertThat(webSocket.awaitEnd()).as("an orderly end of the connection, not a reset").isTrue();
	}

	/** Reads until the server closes; a reset instead of a close fails the test. */
	private static String readToEnd(InputStream in) throws IOException {
		ByteArrayOutputStream response = new ByteArrayOutputStream();
		in.transferTo(response);
		return response.toString(StandardCharsets.UTF_8);
	}

}

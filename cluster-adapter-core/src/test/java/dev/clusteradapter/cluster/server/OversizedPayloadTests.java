package dev.clusteradapter.cluster.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

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

	@Test
	void webSocketFrameOverTheLimitIsClosedWithMessageTooBig() throws Exception {
		try (ProbeServer server = ProbeServer.start()) {
			RawWebSocket webSocket = RawWebSocket.connect(server.port());
			// a message this large goes out in several frames
			webSocket.send("42[\"echo\",\"" + "x".repeat(OVERSIZED) + "\"]");
			assertThat(webSocket.awaitClose()).isEqualTo(1009);
			server.assertServesEveryTransport();
		}
	}

	@Test
	void webSocketMessageOverTheLimitIsRefusedWithoutResettingTheRestOfIt() throws Exception {
		try (ProbeServer server = ProbeServer.start(); Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			assertThat(readHead(in)).startsWith("HTTP/1.1 101");
			// the whole message goes out, in 32 KB frames, as a client sends it, before the client
			// reads again: the server must read the rest of it, not reset the connection under it
			byte[] chunk = "x".repeat(32 * 1024).getBytes(StandardCharsets.US_ASCII);
			for (int sent = 0; sent < OVERSIZED; sent += chunk.length) {
				writeMaskedFrame(out, (sent == 0) ? 0x1 : 0x0, sent + chunk.length >= OVERSIZED, chunk);
			}
			out.flush();
			assertThat(readCloseStatus(in)).isEqualTo(1009);
			writeMaskedFrame(out, 0x8, true, new byte[] { 0x03, (byte) 0xF1 });
			// netty-socketio echoes the client's close frame, then the server closes: no reset
			readToEnd(in);
			assertThat(in.read()).as("connection closed after the close handshake").isEqualTo(-1);
			server.assertServesEveryTransport();
		}
	}

	/** A client frame of less than 64 KB, masked with a zero key (the payload goes as it is). */
	private static void writeMaskedFrame(OutputStream out, int opcode, boolean fin, byte[] payload) throws IOException {
		out.write((fin ? 0x80 : 0) | opcode);
		if (payload.length < 126) {
			out.write(0x80 | payload.length);
		}
		else {
			out.write(0x80 | 126);
			out.write(payload.length >>> 8);
			out.write(payload.length & 0xFF);
		}
		out.write(new byte[4]);
		out.write(payload);
	}

	/** Skips the server's frames up to its close frame. */
	private static int readCloseStatus(InputStream in) throws IOException {
		while (true) {
			int opcode = in.read() & 0x0F;
			int length = in.read() & 0x7F;
			if (length == 126) {
				length = (in.read() << 8) | in.read();
			}
			byte[] payload = in.readNBytes(length);
			if (opcode == 0x8) {
				return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
			}
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("Closed after " + head);
			}
			head.write(b);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	/** Reads until the server closes; a reset instead of a close fails the test. */
	private static String readToEnd(InputStream in) throws IOException {
		ByteArrayOutputStream response = new ByteArrayOutputStream();
		in.transferTo(response);
		return response.toString(StandardCharsets.UTF_8);
	}

}

package dev.clusteradapter.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The primary's public port against real worker JVMs: 1 MB payloads with the official
 * JavaScript client over each transport, and bad input (garbage, oversized headers, an
 * unknown session, an oversized polling body) answered and closed while the cluster
 * serves on.
 */
class PublicPortIntegrationTests {

	private static SampleCluster cluster;

	@BeforeAll
	static void startCluster() throws IOException {
		cluster = SampleCluster.start("public-port").awaitServing(2);
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	void megabyteBinaryEchoesOverPollingWebSocketAndUpgrade() throws Exception {
		for (String[] mode : new String[][] { { "polling", "false" }, { "websocket", "false" },
				{ "polling,websocket", "true" } }) {
			NodeScript run = NodeScript.run("echo.js", cluster.socketUrl(), mode[0], mode[1], "bin:1000000", "json");
			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(run.output().lines().filter((line) -> line.contains("\"event\":\"echo\"")))
				.as(String.join(" ", mode))
				.hasSize(2)
				.allMatch((line) -> line.contains("\"equal\":true"));
		}
	}

	@Test
	void garbageGetsBadRequestAndTheClusterServesOn() throws Exception {
		assertThat(exchange("HELLO?\r\n\r\n")).startsWith("HTTP/1.1 400");
		assertHealthyClient();
	}

	@Test
	void oversizedHeadersGet431AndTheClusterServesOn() throws Exception {
		String head = "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
				+ "\r\n\r\n";
		assertThat(exchange(head)).startsWith("HTTP/1.1 431");
		assertHealthyClient();
	}

	@Test
	void unknownSessionIsRefusedCleanly() throws Exception {
		String response = exchange("GET /socket.io/?EIO=4&transport=polling&sid=00000000-0000-0000-0000-000000000000"
				+ " HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 400").endsWith("{\"code\":1,\"message\":\"Session ID unknown\"}");
		String malformed = exchange("GET /socket.io/?EIO=4&transport=polling&sid=0001-garbage HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(malformed).startsWith("HTTP/1.1 400").endsWith("{\"code\":3,\"message\":\"Bad request\"}");
		assertHealthyClient();
	}

	@Test
	void pollingBodyOverTheLimitGets413AndTheClusterServesOn() throws Exception {
		String open = exchange("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n");
		Matcher sid = Pattern.compile("\"sid\":\"([^\"]+)\"").matcher(open);
		assertThat(sid.find()).as(open).isTrue();
		int size = 2 * 1024 * 1024; // over max-http-content-length, 1.5 MB
		String response = exchange("POST /socket.io/?EIO=4&transport=polling&sid=" + sid.group(1)
				+ " HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n" + "x".repeat(size));
		assertThat(response).startsWith("HTTP/1.1 413").endsWith("payload too large");
		assertHealthyClient();
	}

	private static void assertHealthyClient() throws Exception {
		NodeScript run = NodeScript.run("echo.js", cluster.socketUrl(), "websocket", "false", "json");
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("\"equal\":true");
	}

	/** Sends raw bytes to the public port and reads what comes back until the close. */
	private static String exchange(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", cluster.clusterPort().orElseThrow())) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}

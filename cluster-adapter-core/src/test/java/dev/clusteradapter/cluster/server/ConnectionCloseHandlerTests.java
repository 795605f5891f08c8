package dev.clusteradapter.cluster.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Polling responses announce {@code Connection: close} when asked, so that no client or
 * proxy sends a later request of another session over the same connection.
 */
class ConnectionCloseHandlerTests {

	private static final ObjectMapper mapper = new ObjectMapper();

	@Test
	void everyPollingResponseAnnouncesConnectionCloseWhenAsked() throws Exception {
		try (ProbeServer server = ProbeServer.start(0, true)) {
			RawHttp.Response handshake = RawHttp.exchange(server.port(), get("/socket.io/?EIO=4&transport=polling"));
			assertThat(handshake.head()).startsWith("HTTP/1.1 200");
			assertThat(handshake.header("Connection")).isEqualToIgnoringCase("close");
			assertThat(handshake.closedByServer()).isTrue();
			String sid = mapper.readTree(handshake.body().substring(1)).path("sid").asText();

			RawHttp.Response post = RawHttp.exchange(server.port(),
					post("/socket.io/?EIO=4&transport=polling&sid=" + sid, "40"));
			assertThat(post.body()).isEqualTo("ok");
			assertThat(post.header("Connection")).isEqualToIgnoringCase("close");

			RawHttp.Response poll = RawHttp.exchange(server.port(), get("/socket.io/?EIO=4&transport=polling&sid=" + sid));
			assertThat(poll.body()).startsWith("40{\"sid\":");
			assertThat(poll.header("Connection")).isEqualToIgnoringCase("close");
			assertThat(poll.closedByServer()).isTrue();
		}
	}

	@Test
	void pollingResponsesKeepTheirHeaderWhenNotAsked() {
		try (ProbeServer server = ProbeServer.start(0, false)) {
			RawHttp.Response handshake = RawHttp.exchange(server.port(), get("/socket.io/?EIO=4&transport=polling"));
			assertThat(handshake.head()).startsWith("HTTP/1.1 200");
			assertThat(handshake.header("Connection")).isEqualToIgnoringCase("keep-alive");
		}
	}

	@Test
	void webSocketUpgradeStaysOpen() {
		try (ProbeServer server = ProbeServer.start(0, true)) {
			RawHttp.Response upgrade = RawHttp.exchange(server.port(), "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
					+ "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
			assertThat(upgrade.head()).startsWith("HTTP/1.1 101");
			assertThat(upgrade.header("Connection")).isEqualToIgnoringCase("upgrade");
			assertThat(upgrade.closedByServer()).isFalse();
		}
	}

	private static String get(String uri) {
		return "GET " + uri + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	}

	private static String post(String uri, String body) {
		return "POST " + uri + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: "
				+ body.length() + "\r\n\r\n" + body;
	}

}

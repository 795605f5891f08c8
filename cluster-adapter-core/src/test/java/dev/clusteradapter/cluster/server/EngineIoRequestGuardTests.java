package dev.clusteradapter.cluster.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed Engine.IO requests over a real socket (bad or unknown session ids, transports,
 * flags, handshake methods): each gets Engine.IO's {@code 400} and a close, at once, and
 * the server serves on. netty-socketio left several of them hanging unanswered.
 */
class EngineIoRequestGuardTests {

	private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

	private static final String UPGRADE = "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
			+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "0001zzzz-0000-4000-8000-000000000000", "", UNKNOWN + "0",
			"+0000000-0000-4000-8000-000000000000", "0000000-00000-4000-8000-000000000000" })
	void malformedSessionIdIsABadRequestOnEitherTransport(String sid) {
		try (ProbeServer server = ProbeServer.start()) {
			assertRefused(request(server, "GET", "polling", sid, ""), 3, "Bad request");
			assertRefused(request(server, "POST", "polling", sid, "Content-Length: 2\r\n\r\n40"), 3, "Bad request");
			assertRefused(request(server, "GET", "websocket", sid, UPGRADE), 3, "Bad request");
			server.assertServesEveryTransport();
		}
	}

	@Test
	void unknownSessionIsRefusedOnEitherTransportAndForADisconnect() {
		try (ProbeServer server = ProbeServer.start()) {
			assertRefused(request(server, "GET", "polling", UNKNOWN, ""), 1, "Session ID unknown");
			assertRefused(request(server, "POST", "polling", UNKNOWN, "Content-Length: 2\r\n\r\n40"), 1,
					"Session ID unknown");
			assertRefused(request(server, "GET", "polling", UNKNOWN + "&disconnect=1", ""), 1, "Session ID unknown");
			// not a WebSocket accepted and then dropped
			assertRefused(request(server, "GET", "websocket", UNKNOWN, UPGRADE), 1, "Session ID unknown");
			server.assertServesEveryTransport();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "&transport=", "&transport=bogus", "&transport=flashsocket" })
	void missingOrUnknownTransportIsRefused(String transport) {
		try (ProbeServer server = ProbeServer.start()) {
			assertRefused(RawHttp.exchange(server.port(), "GET /socket.io/?EIO=4" + transport
					+ " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), 0, "Transport unknown");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "transport=websocket", "transport=polling&b64=xyz", "transport=polling&j=abc" })
	void requestsThatNettySocketIoLeftHangingAreBadRequests(String query) {
		try (ProbeServer server = ProbeServer.start()) {
			assertRefused(RawHttp.exchange(server.port(), "GET /socket.io/?EIO=4&" + query
					+ " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), 3, "Bad request");
			server.assertServesEveryTransport();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT", "DELETE" })
	void handshakeByAnotherMethodThanGetIsRefused(String method) {
		try (ProbeServer server = ProbeServer.start()) {
			assertRefused(RawHttp.exchange(server.port(), method + " /socket.io/?EIO=4&transport=polling"
					+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"), 2, "Bad handshake method");
			assertThat(server.server().getAllClients()).isEmpty();
		}
	}

	@Test
	void handshakeFlagsAndPreflightPass() {
		try (ProbeServer server = ProbeServer.start()) {
			RawHttp.Response b64 = RawHttp.exchange(server.port(),
					"GET /socket.io/?EIO=4&transport=polling&b64=true HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
			assertThat(b64.head()).startsWith("HTTP/1.1 200");
			assertThat(b64.body()).contains("\"sid\"");
			RawHttp.Response preflight = RawHttp.exchange(server.port(),
					"OPTIONS /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n"
							+ "Origin: http://app.example\r\nAccess-Control-Request-Method: GET\r\n\r\n");
			assertThat(preflight.head()).startsWith("HTTP/1.1 200");
		}
	}

	@Test
	void knownSessionPassesTheGuard() {
		try (ProbeServer server = ProbeServer.start()) {
			String sid = RawHttp.openPollingSession(server.port());
			RawHttp.Response poll = request(server, "GET", "polling", sid, "");
			assertThat(poll.head()).startsWith("HTTP/1.1 200");
			assertThat(poll.body()).startsWith("40{\"sid\":");
		}
	}

	private static RawHttp.Response request(ProbeServer server, String method, String transport, String sid,
			String rest) {
		String head = method + " /socket.io/?EIO=4&transport=" + transport + "&sid=" + sid
				+ " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
		return RawHttp.exchange(server.port(), head + (rest.isEmpty() ? "\r\n" : (rest.endsWith("\r\n") ? rest + "\r\n" : rest)));
	}

	private static void assertRefused(RawHttp.Response response, int code, String message) {
		assertThat(response.head()).startsWith("HTTP/1.1 400");
		assertThat(response.body()).isEqualTo("{\"code\":" + code + ",\"message\":\"" + message + "\"}");
		assertThat(response.header("connection")).isEqualToIgnoringCase("close");
		assertThat(response.closedByServer()).isTrue();
	}

}

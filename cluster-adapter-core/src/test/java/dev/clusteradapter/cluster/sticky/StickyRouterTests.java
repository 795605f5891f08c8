package dev.clusteradapter.cluster.sticky;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link StickyRouter}: two real netty-socketio workers behind a real router,
 * driven by the official Java client and by hand-written HTTP, in both modes.
 */
class StickyRouterTests {

	private static final Pattern SID = Pattern.compile("\"sid\":\"([0-9a-f-]{36})\"");

	@TempDir
	static Path handoverDir;

	private static final List<TestWorker> workers = new ArrayList<>();

	private static TestClients clients;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final RecordingMetrics metrics = new RecordingMetrics();

	private List<TestWorker> live = workers;

	@BeforeAll
	static void startWorkers() throws Exception {
		workers.add(new TestWorker(1, handoverDir));
		workers.add(new TestWorker(2, handoverDir));
		clients = new TestClients();
	}

	@AfterAll
	static void stopWorkers() {
		clients.close();
		workers.forEach(TestWorker::close);
	}

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	private InetSocketAddress startRouter(StickyRouterOptions options) throws Exception {
		StickyRouter router = new StickyRouter(options, () -> this.live.stream().map(TestWorker::endpoint).toList(),
				this.metrics);
		this.closeables.add(router);
		return router.start();
	}

	/**
	 * A router taking workers in turn: sessions of earlier tests linger on the shared workers
	 * until their ping timeout, and would steer least-connection balancing.
	 */
	private InetSocketAddress startRouter(StickyMode mode) throws Exception {
		return startRouter(
				StickyRouterOptions.of("127.0.0.1", 0).withMode(mode).withLoadBalancing(LoadBalancing.ROUND_ROBIN));
	}

	private Socket connect(InetSocketAddress router, String... transports) {
		Socket socket = clients.connect(router, transports);
		this.closeables.add(0, socket::close);
		return socket;
	}

	private RawHttpConnection raw(InetSocketAddress router) throws Exception {
		RawHttpConnection http = new RawHttpConnection(router);
		this.closeables.add(0, http);
		return http;
	}

	private void assertRoutedIn(StickyMode mode) {
		RoutingOutcome expected = (mode == StickyMode.HANDOVER) ? RoutingOutcome.HANDED_OVER : RoutingOutcome.RELAYED;
		RoutingOutcome other = (mode == StickyMode.HANDOVER) ? RoutingOutcome.RELAYED : RoutingOutcome.HANDED_OVER;
		assertThat(this.metrics.count(expected)).isPositive();
		assertThat(this.metrics.count(other)).isZero();
	}

	private static SocketIOClient serverSide(String sessionId) {
		UUID id = UUID.fromString(sessionId);
		return workers.stream()
			.map((worker) -> worker.server.getClient(id))
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	@ParameterizedTest
	@EnumSource(names = { "HANDOVER", "RELAY" })
	void pollingClientStaysOnItsWorkerForManyRoundTrips(StickyMode mode) throws Exception {
		InetSocketAddress router = startRouter(mode);
		for (int c = 0; c < 4; c++) {
			Socket socket = connect(router, Polling.NAME);
			JSONObject first = TestClients.whoami(socket);
			assertThat(SessionIdCodec.workerOf(first.getString("id"))).hasValue(first.getInt("worker"));
			for (int i = 0; i < 25; i++) {
				JSONObject again = TestClients.whoami(socket);
				assertThat(again.getInt("worker")).isEqualTo(first.getInt("worker"));
				assertThat(again.getString("id")).isEqualTo(first.getString("id"));
			}
		}
		assertRoutedIn(mode);
		assertThat(this.metrics.toOwner.get()).isGreaterThan(100);
	}

	@ParameterizedTest
	@EnumSource(names = { "HANDOVER", "RELAY" })
	void webSocketOnlyClientConnectsAndEchoes(StickyMode mode) throws Exception {
		InetSocketAddress router = startRouter(mode);
		Socket socket = connect(router, WebSocket.NAME);
		assertThat(TestClients.call(socket, "echo", "hello")).isEqualTo("hello");
		JSONObject who = TestClients.whoami(socket);
		assertThat(SessionIdCodec.workerOf(who.getString("id"))).hasValue(who.getInt("worker"));
		assertRoutedIn(mode);
	}

	@ParameterizedTest
	@EnumSource(names = { "HANDOVER", "RELAY" })
	void pollingClientUpgradesToWebSocketOnItsWorker(StickyMode mode) throws Exception {
		InetSocketAddress router = startRouter(mode);
		Socket socket = connect(router, Polling.NAME, WebSocket.NAME);
		JSONObject before = TestClients.whoami(socket);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> serverSide(before.getString("id")).getTransport() == Transport.WEBSOCKET);
		JSONObject after = TestClients.whoami(socket);
		assertThat(after.getString("id")).isEqualTo(before.getString("id"));
		assertThat(after.getInt("worker")).isEqualTo(before.getInt("worker"));
		assertThat(TestClients.call(socket, "echo", "upgraded")).isEqualTo("upgraded");
	}

	@ParameterizedTest
	@EnumSource(names = { "HANDOVER", "RELAY" })
	void officialJavaScriptClientsStayOnTheirWorkersThroughTheUpgrade(StickyMode mode) throws Exception {
		Path clientsDir = Path.of("..", "js-clients").toAbsolutePath().normalize();
		assumeThat(clientsDir.resolve("node_modules/socket.io-client")).as("npm ci in js-clients").exists();
		InetSocketAddress router = startRouter(mode);
		for (String transports : List.of("polling", "polling,websocket", "websocket")) {
			Process node = new ProcessBuilder("node", "sticky-probe.js", "http://127.0.0.1:" + router.getPort(), "20",
					"20", transports)
				.directory(clientsDir.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
			JSONObject summary = new JSONObject(output.substring(output.lastIndexOf('\n') + 1));
			assertThat(summary.getJSONArray("failures").length()).as(output).isZero();
			assertThat(summary.getInt("stable")).as(transports).isEqualTo(20);
			JSONObject perWorker = summary.getJSONObject("workers");
			assertThat(perWorker.length()).as(output).isEqualTo(2);
			assertThat(perWorker.optInt("1") + perWorker.optInt("2")).isEqualTo(20);
			if (transports.contains("websocket")) {
				assertThat(summary.getInt("upgraded")).as(transports).isEqualTo(20);
			}
		}
		assertRoutedIn(mode);
	}

	@ParameterizedTest
	@EnumSource(LoadBalancing.class)
	void newClientsSpreadOverBothWorkers(LoadBalancing loadBalancing) throws Exception {
		InetSocketAddress router = startRouter(
				StickyRouterOptions.of("127.0.0.1", 0).withMode(StickyMode.HANDOVER).withLoadBalancing(loadBalancing));
		Map<Integer, Integer> perWorker = new HashMap<>();
		for (int i = 0; i < 20; i++) {
			int worker = TestClients.whoami(connect(router, WebSocket.NAME)).getInt("worker");
			perWorker.merge(worker, 1, Integer::sum);
		}
		assertThat(perWorker).containsOnlyKeys(1, 2);
		if (loadBalancing != LoadBalancing.RANDOM) {
			assertThat(perWorker.get(1)).isBetween(8, 12);
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "HANDOVER", "RELAY" })
	void keepAliveConnectionNeverCarriesAnotherSessionsRequest(StickyMode mode) throws Exception {
		InetSocketAddress router = startRouter(mode);
		String sidOnOne = handshake(router, 1);
		String sidOnTwo = handshake(router, 2);
		assertThat(SessionIdCodec.workerOf(sidOnOne)).hasValue(1);
		assertThat(SessionIdCodec.workerOf(sidOnTwo)).hasValue(2);
		RawHttpConnection http = raw(router).send(post(sidOnOne, "40"));
		assertThat(http.readResponse()).startsWith("HTTP/1.1 200");
		// The same connection asked about the other worker's session must not reach worker 1.
		http.send(post(sidOnTwo, "40"));
		assertThat(http.closedByPeer()).isTrue();
		assertThat(serverSide(sidOnTwo)).isNotNull();
	}

	private String handshake(InetSocketAddress router, int worker) throws Exception {
		for (int i = 0; i < 10; i++) {
			String sid = handshake(router, "");
			if (SessionIdCodec.workerOf(sid).getAsInt() == worker) {
				return sid;
			}
		}
		throw new IllegalStateException("No handshake reached worker " + worker);
	}

	private String handshake(InetSocketAddress router, String extraHeaders) throws Exception {
		try (RawHttpConnection http = new RawHttpConnection(router)) {
			String response = http.send("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n"
					+ extraHeaders + "\r\n").readResponse();
			Matcher sid = SID.matcher(response);
			assertThat(sid.find()).as(response).isTrue();
			return sid.group(1);
		}
	}

	private static String post(String sid, String body) {
		return "POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\n"
				+ "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
	}

	@ParameterizedTest
	@EnumSource(names = { "HANDOVER", "RELAY" })
	void clientCannotChooseItsOwnSessionId(StickyMode mode) throws Exception {
		InetSocketAddress router = startRouter(mode);
		String chosen = SessionIdCodec.newSessionId(1).toString();
		String sid = handshake(router, "io: " + chosen + "\r\nCookie: a=b; io=" + chosen + "\r\n");
		assertThat(sid).isNotEqualTo(chosen);
		assertThat(SessionIdCodec.workerOf(sid)).isPresent();
		assertThat(serverSide(chosen)).isNull();
	}

	@Test
	void garbageAndOversizedRequestsAreRefusedThenAHealthyClientConnects() throws Exception {
		InetSocketAddress router = startRouter(StickyMode.HANDOVER);
		RawHttpConnection garbage = raw(router).send("\u0016\u0003\u0001 hello there\r\n\r\n");
		assertThat(garbage.readResponse()).startsWith("HTTP/1.1 400 ");
		assertThat(garbage.closedByPeer()).isTrue();
		RawHttpConnection badHeader = raw(router).send("GET / HTTP/1.1\r\nno colon here\r\n\r\n");
		assertThat(badHeader.readResponse()).startsWith("HTTP/1.1 400 ");
		RawHttpConnection oversized = raw(router)
			.send("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n");
		assertThat(oversized.readResponse()).startsWith("HTTP/1.1 431 ");
		assertThat(oversized.closedByPeer()).isTrue();
		RawHttpConnection longLine = raw(router).send("GET /" + "a".repeat(9000) + " HTTP/1.1\r\n\r\n");
		assertThat(longLine.readResponse()).startsWith("HTTP/1.1 431 ");
		assertThat(this.metrics.count(RoutingOutcome.BAD_REQUEST)).isEqualTo(2);
		assertThat(this.metrics.count(RoutingOutcome.HEADER_TOO_LARGE)).isEqualTo(2);
		assertThat(TestClients.call(connect(router, Polling.NAME), "echo", "fine")).isEqualTo("fine");
	}

	@Test
	void silentClientIsClosedAfterTheHeadTimeout() throws Exception {
		InetSocketAddress router = startRouter(StickyRouterOptions.of("127.0.0.1", 0)
			.withLimits(StickyRouterOptions.DEFAULT_MAX_HEADER_SIZE, Duration.ofMillis(300)));
		RawHttpConnection silent = raw(router);
		RawHttpConnection slow = raw(router).send("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\n");
		assertThat(silent.closedByPeer()).isTrue();
		assertThat(slow.closedByPeer()).isTrue();
		assertThat(this.metrics.count(RoutingOutcome.TIMEOUT)).isEqualTo(2);
		assertThat(TestClients.call(connect(router, WebSocket.NAME), "echo", "fine")).isEqualTo("fine");
	}

	@Test
	void noLiveWorkerGets503AndTheRouterKeepsServing() throws Exception {
		InetSocketAddress router = startRouter(StickyMode.AUTO);
		this.live = List.of();
		RawHttpConnection http = raw(router).send("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(http.readResponse()).startsWith("HTTP/1.1 503 ");
		assertThat(http.closedByPeer()).isTrue();
		assertThat(this.metrics.count(RoutingOutcome.REJECTED_503)).isEqualTo(1);
		this.live = workers;
		assertThat(TestClients.call(connect(router, Polling.NAME), "echo", "back")).isEqualTo("back");
	}

	@Test
	void sessionOfAGoneWorkerIsRefusedByALiveOneSoTheClientReconnects() throws Exception {
		InetSocketAddress router = startRouter(StickyMode.HANDOVER);
		String sidOnTwo = handshake(router, 2);
		this.live = List.of(workers.get(0));
		this.metrics.newSessionsByWorker.clear();
		RawHttpConnection http = raw(router).send(post(sidOnTwo, "40"));
		assertThat(http.readResponse()).doesNotStartWith("HTTP/1.1 2").doesNotStartWith("HTTP/1.1 503");
		assertThat(this.metrics.newSessionsByWorker).containsOnlyKeys(1);
	}

	@Test
	void workerThatCannotAdoptIsRelayedTo() throws Exception {
		StickyRouter router = new StickyRouter(StickyRouterOptions.of("127.0.0.1", 0).withMode(StickyMode.HANDOVER),
				() -> workers.stream()
					.map((worker) -> new WorkerEndpoint(worker.id, worker.address, null, worker.clients()))
					.toList(),
				this.metrics);
		this.closeables.add(router);
		assertThat(TestClients.call(connect(router.start(), Polling.NAME), "echo", "relayed")).isEqualTo("relayed");
		assertThat(this.metrics.count(RoutingOutcome.RELAYED)).isPositive();
		assertThat(this.metrics.count(RoutingOutcome.HANDED_OVER)).isZero();
	}

	@Test
	void failedHandoverFallsBackToRelay() throws Exception {
		Path gone = handoverDir.resolve("no-such-worker.sock");
		StickyRouter router = new StickyRouter(StickyRouterOptions.of("127.0.0.1", 0).withMode(StickyMode.HANDOVER),
				() -> workers.stream()
					.map((worker) -> new WorkerEndpoint(worker.id, worker.address, gone, worker.clients()))
					.toList(),
				this.metrics);
		this.closeables.add(router);
		Socket socket = connect(router.start(), Polling.NAME, WebSocket.NAME);
		assertThat(TestClients.call(socket, "echo", "still served")).isEqualTo("still served");
		assertThat(this.metrics.count(RoutingOutcome.RELAYED)).isPositive();
		assertThat(this.metrics.count(RoutingOutcome.HANDED_OVER)).isZero();
	}

	@Test
	void handedOverConnectionOutlivesTheRouter() throws Exception {
		StickyRouter router = new StickyRouter(StickyRouterOptions.of("127.0.0.1", 0).withMode(StickyMode.HANDOVER),
				() -> workers.stream().map(TestWorker::endpoint).toList(), this.metrics);
		Socket socket = connect(router.start(), WebSocket.NAME);
		assertThat(TestClients.call(socket, "echo", "before")).isEqualTo("before");
		router.close();
		assertThat(TestClients.call(socket, "echo", "after")).isEqualTo("after");
	}

	@Test
	void relayedConnectionsCloseWithTheRouter() throws Exception {
		StickyRouter router = new StickyRouter(StickyRouterOptions.of("127.0.0.1", 0).withMode(StickyMode.RELAY),
				() -> workers.stream().map(TestWorker::endpoint).toList(), this.metrics);
		Socket socket = connect(router.start(), WebSocket.NAME);
		String id = TestClients.whoami(socket).getString("id");
		router.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> serverSide(id) == null);
	}

	@ParameterizedTest
	@EnumSource(names = { "HANDOVER", "RELAY" })
	void forwardedForIsAddedWhenRelayingOnly(StickyMode mode) throws Exception {
		InetSocketAddress router = startRouter(mode);
		JSONObject who = TestClients.whoami(connect(router, WebSocket.NAME));
		if (mode == StickyMode.RELAY) {
			assertThat(who.getString("forwardedFor")).isEqualTo("127.0.0.1");
		}
		else {
			assertThat(who.has("forwardedFor")).isFalse();
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "HANDOVER", "RELAY" })
	void corsPreflightIsAnsweredByAWorker(StickyMode mode) throws Exception {
		InetSocketAddress router = startRouter(mode);
		String response = raw(router)
			.send("OPTIONS /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nOrigin: http://app.example\r\n"
					+ "Access-Control-Request-Method: POST\r\n\r\n")
			.readResponse();
		assertThat(response).startsWith("HTTP/1.1 200").containsIgnoringCase("Access-Control-Allow-Origin: http://app.example");
	}

	@ParameterizedTest
	@EnumSource(names = { "HANDOVER", "RELAY" })
	void megabytePayloadsTravelOverPollingAndWebSocket(StickyMode mode) throws Exception {
		InetSocketAddress router = startRouter(mode);
		String payload = "x".repeat(1024 * 1024);
		assertThat(TestClients.call(connect(router, Polling.NAME), "echo", payload)).isEqualTo(payload);
		assertThat(TestClients.call(connect(router, WebSocket.NAME), "echo", payload)).isEqualTo(payload);
	}

	@ParameterizedTest
	@EnumSource(names = { "HANDOVER", "RELAY" })
	void manyWebSocketConnectsSequentialAndConcurrentAllSucceed(StickyMode mode) throws Exception {
		InetSocketAddress router = startRouter(mode);
		for (int i = 0; i < 200; i++) {
			Socket socket = clients.connect(router, WebSocket.NAME);
			socket.close();
		}
		List<Socket> sockets = new ArrayList<>();
		List<CompletableFuture<Void>> connected = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			Socket socket = clients.open(router, WebSocket.NAME);
			CompletableFuture<Void> done = new CompletableFuture<>();
			socket.once(Socket.EVENT_CONNECT, (args) -> done.complete(null));
			socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> done.completeExceptionally(new IllegalStateException()));
			sockets.add(socket);
			connected.add(done);
			this.closeables.add(0, socket::close);
		}
		sockets.forEach(Socket::connect);
		CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		assertThat(connected).allMatch((done) -> !done.isCompletedExceptionally());
		assertThat(this.metrics.count(RoutingOutcome.REJECTED_503)).isZero();
	}

}

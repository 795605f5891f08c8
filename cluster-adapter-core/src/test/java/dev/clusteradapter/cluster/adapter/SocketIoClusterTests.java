package dev.clusteradapter.cluster.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.SocketIOClient;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SocketIoCluster} across three real netty-socketio servers joined by an in-memory bus,
 * driven by the official Java client. The servers are shared by the tests (stopping one takes
 * seconds); each test closes its clients and waits until no node serves any.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketIoClusterTests {

	private final InMemoryClusterBus hub = new InMemoryClusterBus();

	/**
	 * A worker node of this test's cluster. Over the in-memory bus here; over Redis in the
	 * subclasses, which run every test of this class across "hosts".
	 * @param id its number, 1 to 3
	 * @return the node
	 */
	ClusterNode newWorker(int id) {
		return ClusterNode.worker(this.hub, id);
	}

	/** Releases what {@link #newWorker(int)} needed once every node is closed. */
	void closeTransport() {
		this.hub.close();
	}

	private final List<ClusterNode> nodes = new ArrayList<>();

	private final List<TestClient> clients = new ArrayList<>();

	private ClusterNode w1;

	private ClusterNode w2;

	private ClusterNode w3;

	@BeforeAll
	void startCluster() {
		this.w1 = node(newWorker(1));
		this.w2 = node(newWorker(2));
		this.w3 = node(newWorker(3));
		await().until(() -> this.w1.cluster.serverCount() == 3 && this.w3.cluster.serverCount() == 3);
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(TestClient::close);
		this.clients.clear();
		await().until(() -> this.w1.cluster.fetchSockets().join().isEmpty()
				&& this.w1.cluster.of("/chat").fetchSockets().join().isEmpty());
	}

	@AfterAll
	void stopCluster() {
		this.nodes.parallelStream().forEach(ClusterNode::close);
		closeTransport();
	}

	private ClusterNode node(ClusterNode node) {
		this.nodes.add(node);
		return node;
	}

	private TestClient client(ClusterNode node, String... events) {
		return clientOf(node, "/", events);
	}

	private TestClient clientOf(ClusterNode node, String nsp, String... events) {
		TestClient client = TestClient.connect(node, nsp, events);
		this.clients.add(client);
		return client;
	}

	/** Sends a marker after the events under test: once every client has it, nothing else is in flight. */
	private void awaitQuiet(ClusterNode from, TestClient... clients) {
		from.cluster.emit("marker");
		await().until(() -> List.of(clients).stream().allMatch((client) -> !client.received("marker").isEmpty()));
	}

	@Test
	void emitReachesEverySocketOnEveryWorkerOnce() {
		TestClient a = client(this.w1, "news", "marker");
		TestClient b = client(this.w2, "news", "marker");
		TestClient c = client(this.w3, "news", "marker");
		this.w2.cluster.emit("news", Map.of("text", "hello"), 42);
		awaitQuiet(this.w2, a, b, c);
		for (TestClient client : List.of(a, b, c)) {
			assertThat(client.received("news")).hasSize(1);
			assertThat(client.received("news").get(0).get(0).toString()).isEqualTo("{\"text\":\"hello\"}");
			assertThat(client.received("news").get(0).get(1)).isEqualTo(42);
		}
	}

	@Test
	void emitToNamespaceReachesOnlyThatNamespace() {
		TestClient root = clientOf(this.w1, "/", "news", "marker");
		TestClient chat = clientOf(this.w2, "/chat", "news");
		TestClient chatLocal = clientOf(this.w1, "/chat", "news");
		this.w1.cluster.of("/chat").emit("news", "for chat");
		await().until(() -> chat.received("news").size() == 1 && chatLocal.received("news").size() == 1);
		awaitQuiet(this.w1, root);
		assertThat(root.received("news")).isEmpty();
		assertThat(chat.received("news").get(0)).containsExactly("for chat");
	}

	@Test
	void roomBroadcastReachesEachMemberOnceFromANodeWithoutMembers() {
		TestClient inBoth = client(this.w1, "news", "marker");
		TestClient inOne = client(this.w2, "news", "marker");
		TestClient outside = client(this.w2, "news", "marker");
		inBoth.join("r1");
		inBoth.join("r2");
		inOne.join("r2");
		this.w3.cluster.to("r1").to("r2").emit("news", "rooms");
		awaitQuiet(this.w3, inBoth, inOne, outside);
		assertThat(inBoth.received("news")).hasSize(1);
		assertThat(inOne.received("news")).hasSize(1);
		assertThat(outside.received("news")).isEmpty();
	}

	@Test
	void exceptSkipsMembersOfTheExcludedRoom() {
		TestClient muted = client(this.w1, "news", "marker");
		TestClient listening = client(this.w2, "news", "marker");
		TestClient mutedRemote = client(this.w3, "news", "marker");
		muted.join("muted");
		mutedRemote.join("muted");
		this.w1.cluster.except("muted").emit("news", "not for muted");
		awaitQuiet(this.w1, muted, listening, mutedRemote);
		assertThat(listening.received("news")).hasSize(1);
		assertThat(muted.received("news")).isEmpty();
		assertThat(mutedRemote.received("news")).isEmpty();
	}

	@Test
	void localEmitStaysOnThisNode() {
		TestClient here = client(this.w1, "news", "marker");
		TestClient there = client(this.w2, "news", "marker");
		this.w1.cluster.local().emit("news", "local only");
		awaitQuiet(this.w1, here, there);
		assertThat(here.received("news")).hasSize(1);
		assertThat(there.received("news")).isEmpty();
	}

	@Test
	void emitWithAckCollectsEveryClientsAnswerAcrossNodes() throws Exception {
		client(this.w1).answer("ready?", "a");
		client(this.w2).answer("ready?", "b");
		client(this.w3).answer("ready?", "c");
		AckResult result = this.w1.cluster.emitWithAck("ready?", "go").get(5, TimeUnit.SECONDS);
		assertThat(result.timedOut()).isFalse();
		assertThat(result.responses()).containsExactlyInAnyOrder("a", "b", "c");
	}

	@Test
	void emitWithAckTimesOutWithThePartialAnswersWhenAClientIsSilent() throws Exception {
		client(this.w1).answer("ready?", "a");
		client(this.w2).answer("ready?", "b");
		client(this.w3);
		AckResult result = this.w1.cluster.timeout(Duration.ofMillis(500)).emitWithAck("ready?")
			.get(5, TimeUnit.SECONDS);
		assertThat(result.timedOut()).isTrue();
		assertThat(result.responses()).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void emitWithAckListenerNamesEachClientLocalOrRemoteAndWhoDidNotAnswer() throws Exception {
		TestClient local = client(this.w1).answer("ready?", "a");
		TestClient remote = client(this.w2).answer("ready?", "b");
		TestClient silent = client(this.w3);
		List<String> events = new CopyOnWriteArrayList<>();
		ClientAckListener listener = new ClientAckListener() {

			@Override
			public void answered(SocketIOClient client, Object response) {
				events.add("local " + client.getSessionId() + " " + response);
			}

			@Override
			public void answered(RemoteSocket socket, Object response) {
				events.add("remote " + socket.nodeId() + " " + socket.id() + " " + response);
			}

			@Override
			public void missed(SocketIOClient client) {
				events.add("local missed " + client.getSessionId());
			}

			@Override
			public void missed(RemoteSocket socket) {
				events.add("remote missed " + socket.nodeId() + " " + socket.id());
			}

			@Override
			public void settled(boolean everyClientAnswered) {
				events.add("settled " + everyClientAnswered);
			}

		};
		AckResult result = this.w1.cluster.timeout(Duration.ofMillis(500)).emitWithAck(listener, "ready?")
			.get(5, TimeUnit.SECONDS);
		assertThat(result.responses()).containsExactlyInAnyOrder("a", "b");
		// node ids are this node's names for the others: the ones its fetched sockets carry
		Map<String, Integer> nodeOf = new java.util.HashMap<>();
		this.w1.cluster.fetchSockets().get(5, TimeUnit.SECONDS).forEach((socket) -> nodeOf.put(socket.id(), socket.nodeId()));
		assertThat(nodeOf.get(remote.id())).isNotEqualTo(nodeOf.get(silent.id())).isNotEqualTo(this.w1.adapter.nodeId());
		assertThat(events).containsExactlyInAnyOrder("local " + local.id() + " a",
				"remote " + nodeOf.get(remote.id()) + " " + remote.id() + " b",
				"remote missed " + nodeOf.get(silent.id()) + " " + silent.id(), "settled false");
		assertThat(events.get(events.size() - 1)).isEqualTo("settled false");
	}

	@Test
	void emitWithAckWithoutAnyMatchingClientIsEmptyAtOnce() throws Exception {
		client(this.w2).answer("ready?", "b");
		AckResult result = this.w1.cluster.to("nobody-here").emitWithAck("ready?").get(1, TimeUnit.SECONDS);
		assertThat(result.timedOut()).isFalse();
		assertThat(result.responses()).isEmpty();
	}

	@Test
	void fetchSocketsReturnsEverySocketWithRoomsHandshakeAndData() throws Exception {
		TestClient a = client(this.w1);
		TestClient b = client(this.w2);
		b.join("vip");
		b.call("set", new JSONObject(Map.of("user", "bob")));
		List<RemoteSocket> sockets = this.w3.cluster.fetchSockets().get(5, TimeUnit.SECONDS);
		assertThat(sockets).extracting(RemoteSocket::id).containsExactlyInAnyOrder(a.id(), b.id());
		RemoteSocket bob = sockets.stream().filter((s) -> s.id().equals(b.id())).findFirst().orElseThrow();
		RemoteSocket alice = sockets.stream().filter((s) -> s.id().equals(a.id())).findFirst().orElseThrow();
		// node ids are the asking node's names for the others
		assertThat(bob.nodeId()).isNotEqualTo(alice.nodeId()).isNotEqualTo(this.w3.adapter.nodeId());
		assertThat(bob.rooms()).containsExactlyInAnyOrder(b.id(), "vip");
		assertThat(bob.data()).containsEntry("user", "bob");
		assertThat(bob.handshake().address()).isEqualTo("127.0.0.1");
		assertThat(bob.handshake().query()).containsKey("EIO");
		assertThat(bob.handshake().headers()).containsKey("host");
		assertThat(bob.handshake().issued()).isPositive();
	}

	@Test
	void fetchSocketsSeesDataAndRoomsChangedSinceTheLastFetch() throws Exception {
		TestClient b = client(this.w2);
		b.call("set", new JSONObject(Map.of("user", "bob", "level", 1)));
		assertThat(this.w1.cluster.fetchSockets().get(5, TimeUnit.SECONDS).get(0).data()).containsEntry("user", "bob");
		assertThat(this.w2.cluster.fetchSockets().get(5, TimeUnit.SECONDS).get(0).data()).containsEntry("user", "bob");
		b.call("set", new JSONObject(Map.of("user", "carol")));
		b.join("late");
		RemoteSocket remote = this.w1.cluster.fetchSockets().get(5, TimeUnit.SECONDS).get(0);
		RemoteSocket local = this.w2.cluster.fetchSockets().get(5, TimeUnit.SECONDS).get(0);
		assertThat(List.of(remote, local)).allSatisfy((socket) -> {
			assertThat(socket.data()).containsEntry("user", "carol").containsEntry("level", 1);
			assertThat(socket.rooms()).contains("late");
			assertThat(socket.handshake().query()).containsKey("EIO");
		});
	}

	@Test
	void fetchSocketsLeavesOutDataThatCannotTravelAndKeepsTheRest() throws Exception {
		TestClient b = client(this.w2);
		SocketIOClient served = this.w2.server.getClient(UUID.fromString(b.id()));
		served.set("user", "bob");
		served.set("connection", new Unserializable());
		RemoteSocket socket = this.w1.cluster.fetchSockets().get(5, TimeUnit.SECONDS).get(0);
		assertThat(socket.data()).containsOnlyKeys("user").containsEntry("user", "bob");
	}

	/** A value Jackson cannot write. */
	public static final class Unserializable {

		public String getState() {
			throw new IllegalStateException("not now");
		}

	}

	@Test
	void fetchSocketsOfARoomAndLocalOnly() throws Exception {
		TestClient a = client(this.w1);
		TestClient b = client(this.w2);
		client(this.w3);
		a.join("vip");
		b.join("vip");
		assertThat(this.w3.cluster.in("vip").fetchSockets().get(5, TimeUnit.SECONDS)).extracting(RemoteSocket::id)
			.containsExactlyInAnyOrder(a.id(), b.id());
		assertThat(this.w1.cluster.local().fetchSockets().get(5, TimeUnit.SECONDS)).extracting(RemoteSocket::id)
			.containsExactly(a.id());
	}

	@Test
	void socketsJoinAndLeaveAreAppliedOnEveryNodeWhenTheFutureCompletes() throws Exception {
		TestClient a = client(this.w1, "news", "marker");
		TestClient b = client(this.w2, "news", "marker");
		TestClient c = client(this.w3, "news", "marker");
		c.join("lobby");
		this.w1.cluster.socketsJoin("everyone").get(5, TimeUnit.SECONDS);
		assertThat(this.w1.cluster.in("everyone").fetchSockets().get(5, TimeUnit.SECONDS)).hasSize(3);
		this.w2.cluster.in("lobby").socketsJoin("game").get(5, TimeUnit.SECONDS);
		assertThat(this.w1.cluster.in("game").fetchSockets().get(5, TimeUnit.SECONDS)).extracting(RemoteSocket::id)
			.containsExactly(c.id());
		this.w3.cluster.in("everyone").socketsLeave("everyone").get(5, TimeUnit.SECONDS);
		this.w2.cluster.to("everyone").emit("news", "nobody left");
		awaitQuiet(this.w2, a, b, c);
		assertThat(List.of(a, b, c)).allMatch((client) -> client.received("news").isEmpty());
	}

	@Test
	void disconnectSocketsDisconnectsClientsOnEveryNode() throws Exception {
		TestClient a = client(this.w1);
		TestClient b = client(this.w2);
		TestClient kept = client(this.w3);
		a.join("kick");
		b.join("kick");
		this.w3.cluster.in("kick").disconnectSockets(false).get(5, TimeUnit.SECONDS);
		assertThat(a.disconnectReason.get(5, TimeUnit.SECONDS)).isEqualTo("io server disconnect");
		assertThat(b.disconnectReason.get(5, TimeUnit.SECONDS)).isEqualTo("io server disconnect");
		assertThat(kept.socket.connected()).isTrue();
	}

	@Test
	void disconnectSocketsWithCloseClosesTheRemoteConnection() throws Exception {
		TestClient remote = client(this.w2);
		this.w1.cluster.disconnectSockets(true).get(5, TimeUnit.SECONDS);
		assertThat(remote.disconnectReason.get(5, TimeUnit.SECONDS)).isNotEmpty();
		await().until(() -> this.w2.server.getAllClients().isEmpty());
	}

	@Test
	void volatileEmitReachesClientsThatCanTakeIt() {
		TestClient here = client(this.w1, "tick");
		TestClient there = client(this.w2, "tick");
		this.w1.cluster.asVolatile().emit("tick", 1);
		await().until(() -> here.received("tick").size() == 1 && there.received("tick").size() == 1);
	}

	@Test
	void remoteSocketActsOnTheNodeServingIt() throws Exception {
		TestClient b = client(this.w2, "direct").answer("question", "answer");
		RemoteSocket socket = this.w1.cluster.fetchSockets().get(5, TimeUnit.SECONDS).get(0);
		socket.emit("direct", "just you");
		await().until(() -> b.received("direct").size() == 1);
		assertThat(socket.emitWithAck("question").get(5, TimeUnit.SECONDS)).isEqualTo("answer");
		socket.join("picked").get(5, TimeUnit.SECONDS);
		assertThat(this.w3.cluster.in("picked").fetchSockets().get(5, TimeUnit.SECONDS)).hasSize(1);
		socket.disconnect(false).get(5, TimeUnit.SECONDS);
		assertThat(b.disconnectReason.get(5, TimeUnit.SECONDS)).isEqualTo("io server disconnect");
	}

	@Test
	void serverSideEmitReachesTheOtherNodesOnly() {
		List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
		Map<ClusterNode, String> names = Map.of(this.w1, "w1", this.w2, "w2", this.w3, "w3");
		for (ClusterNode node : List.of(this.w1, this.w2, this.w3)) {
			node.cluster.onServerSideEmit("hello", (args, ack) -> heard.add(names.get(node) + ":" + args.get(0)));
		}
		this.w1.cluster.serverSideEmit("hello", "world");
		await().until(() -> heard.size() == 2);
		assertThat(heard).containsExactlyInAnyOrder("w2:world", "w3:world");
	}

	@Test
	void serverSideEmitWithAckCollectsOneAnswerPerOtherNode() throws Exception {
		this.w2.cluster.onServerSideEmit("ping-servers", (args, ack) -> ack.send(Map.of("node", 2)));
		this.w3.cluster.onServerSideEmit("ping-servers", (args, ack) -> ack.send(Map.of("node", 3)));
		List<Object> answers = this.w1.cluster.serverSideEmitWithAck("ping-servers").get(5, TimeUnit.SECONDS);
		assertThat(answers).containsExactlyInAnyOrder(Map.of("node", 2), Map.of("node", 3));
	}

	@Test
	void serverSideEmitWithAckSettlesWithPartialAnswersWhenAServerIsSilent() throws Exception {
		this.w2.cluster.onServerSideEmit("ping-some", (args, ack) -> ack.send("pong"));
		this.w3.cluster.onServerSideEmit("ping-some", (args, ack) -> {
		});
		List<Object> answers = this.w1.cluster.serverSideEmitWithAck(Duration.ofMillis(300), "ping-some")
			.get(5, TimeUnit.SECONDS);
		assertThat(answers).containsExactly("pong");
	}

	@Test
	void serverSideEmitCarriesBinaryAndJsonArguments() throws Exception {
		this.w2.cluster.onServerSideEmit("echo-args", (args, ack) -> ack.send(args));
		this.w3.cluster.onServerSideEmit("echo-args", (args, ack) -> ack.send(args));
		List<Object> answers = this.w1.cluster.serverSideEmitWithAck("echo-args", new byte[] { 1, 2, 3 }, Map.of("k", List.of(1, 2)),
				Map.of("nested", new byte[] { 9 })).get(5, TimeUnit.SECONDS);
		assertThat(answers).hasSize(2);
		List<?> echoed = (List<?>) answers.get(0);
		assertThat(echoed.get(0)).isEqualTo(new byte[] { 1, 2, 3 });
		assertThat(echoed.get(1)).isEqualTo(Map.of("k", List.of(1, 2)));
		assertThat(((Map<?, ?>) echoed.get(2)).get("nested")).isEqualTo(new byte[] { 9 });
	}

	@Test
	void serverCountCountsEveryServingNode() {
		assertThat(this.w2.cluster.serverCount()).isEqualTo(3);
	}

}

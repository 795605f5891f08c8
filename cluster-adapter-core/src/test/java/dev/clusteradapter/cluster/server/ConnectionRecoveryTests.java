package dev.clusteradapter.cluster.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.corundumstudio.socketio.SocketIONamespace;

import dev.clusteradapter.cluster.adapter.ClusterNamespace;
import dev.clusteradapter.cluster.adapter.ConnectionRecoveryOptions;
import dev.clusteradapter.cluster.adapter.RemoteSocket;
import dev.clusteradapter.cluster.adapter.SocketIoCluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Socket.IO's connection state recovery with the official JavaScript client (which
 * implements it) against two workers over the real IPC: a client whose connection drops
 * comes back with its rooms, its data and every room event it missed, in each sender's
 * order, on its own worker or the other; anything else starts fresh.
 */
class ConnectionRecoveryTests extends TwoIpcWorkersTests {

	private static final Duration RECOVERED_WITHIN = Duration.ofSeconds(20);

	private final List<NodeClient> nodeClients = new ArrayList<>();

	/** Namespace of the test's clients. */
	private String nsp = "/";

	/** Sockets that left each worker, as the application's disconnect listener counts them. */
	private final Map<IpcWorkers.Worker, AtomicInteger> left = new java.util.concurrent.ConcurrentHashMap<>();

	/** What the application's connect listener saw: worker, room membership and recovered flag. */
	private final List<String> connections = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeNodeClients() {
		this.nodeClients.forEach(NodeClient::close);
	}

	private void enable(ConnectionRecoveryOptions options) {
		for (IpcWorkers.Worker worker : List.of(this.w1, this.w2)) {
			worker.adapter.recovery().enable(options);
			AtomicInteger count = new AtomicInteger();
			this.left.put(worker, count);
			SocketIoCluster api = new SocketIoCluster(worker.adapter);
			String name = (worker == this.w1) ? "w1" : "w2";
			for (String namespace : List.of("", "/chat")) {
				SocketIONamespace served = worker.server.getNamespace(namespace);
				served.addDisconnectListener((client) -> count.incrementAndGet());
				served.addConnectListener((client) -> {
					client.set("seen", true);
					this.connections.add(name + namespace + " rooms=" + client.getAllRooms().contains("r") + " recovered="
							+ api.isRecovered(client));
				});
				served.addEventListener("recovered?", Object.class, (client, data, ack) -> ack.sendAckData(name,
						api.isRecovered(client), client.getAllRooms().contains("r"), client.get("seen")));
				// the id server-side code knows the socket by, and whether netty-socketio finds it under that id
				served.addEventListener("id?", Object.class, (client, data, ack) -> ack.sendAckData(api.socketId(client),
						served.getClient(UUID.fromString(api.socketId(client))) == client,
						namespace.isEmpty() && worker.server.getClient(UUID.fromString(api.socketId(client))) == client));
			}
		}
	}

	private void enable() {
		enable(ConnectionRecoveryOptions.defaults());
	}

	private NodeClient client(IpcWorkers.Worker worker, String transports, String... auth) {
		List<String> arguments = new ArrayList<>(List.of(worker.url("/"), transports));
		arguments.addAll(List.of(auth));
		arguments.set(0, worker.url(this.nsp));
		NodeClient client = NodeClient.run("recovery.js", arguments.toArray(String[]::new));
		this.nodeClients.add(client);
		return client;
	}

	/** A client in room {@code r} that received one event of it (so it has an offset). */
	private NodeClient joined(IpcWorkers.Worker worker, String transports) {
		NodeClient client = client(worker, transports);
		client.awaitOne("connected");
		client.send(Map.of("cmd", "join", "room", "r"));
		client.awaitOne("joined");
		new SocketIoCluster(worker.adapter).of(this.nsp).to("r").emit("message", Map.of("from", "before", "n", 0));
		client.awaitEvents("received", 1, RECOVERED_WITHIN);
		return client;
	}

	private void drop(NodeClient client, IpcWorkers.Worker worker) {
		int before = this.left.get(worker).get();
		int disconnections = client.events("disconnected").size();
		client.send(Map.of("cmd", "drop"));
		client.awaitEvents("disconnected", disconnections + 1, RECOVERED_WITHIN);
		await().atMost(RECOVERED_WITHIN).until(() -> this.left.get(worker).get() > before);
	}

	private JsonNode reconnect(NodeClient client) {
		int connections = client.events("connected").size();
		client.send(Map.of("cmd", "reconnect"));
		return client.awaitEvents("connected", connections + 1, RECOVERED_WITHIN).get(connections);
	}

	/** Sends {@code count} events to room {@code r}, alternately from each worker. */
	private void sendToRoom(int count) {
		ClusterNamespace c1 = new SocketIoCluster(this.w1.adapter).of(this.nsp);
		ClusterNamespace c2 = new SocketIoCluster(this.w2.adapter).of(this.nsp);
		for (int i = 1; i <= count; i++) {
			((i % 2 == 1) ? c1 : c2).to("r").emit("message", Map.of("from", (i % 2 == 1) ? "w1" : "w2", "n", i));
		}
	}

	/** Sends events to room {@code r} from w1, whose log holds them at once (a cap is then reached for sure). */
	private void sendFromItsWorker(int count) {
		ClusterNamespace c1 = new SocketIoCluster(this.w1.adapter).of(this.nsp);
		for (int i = 1; i <= count; i++) {
			c1.to("r").emit("message", Map.of("from", "w1", "n", i));
		}
	}

	/** The "message" events received after the first {@code skip} events, as "from:n". */
	private static List<String> messages(NodeClient client, int skip) {
		List<JsonNode> received = client.events("received");
		List<String> result = new ArrayList<>();
		for (JsonNode line : received.subList(skip, received.size())) {
			JsonNode payload = line.path("args").path(0);
			result.add(line.path("name").asText() + ":" + payload.path("from").asText() + ":" + payload.path("n").asText());
		}
		return result;
	}

	private static void assertEverySenderInOrder(List<String> messages, int count) {
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			expected.add("message:" + ((i % 2 == 1) ? "w1" : "w2") + ":" + i);
		}
		assertThat(messages).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(messages.stream().filter((m) -> m.contains(":w1:")).toList())
			.isEqualTo(expected.stream().filter((m) -> m.contains(":w1:")).toList());
		assertThat(messages.stream().filter((m) -> m.contains(":w2:")).toList())
			.isEqualTo(expected.stream().filter((m) -> m.contains(":w2:")).toList());
	}

	@Test
	void webSocketDroppedWithoutCloseGetsEveryMissedRoomEventInOrderAndNothingElse() throws Exception {
		enable();
		NodeClient client = joined(this.w1, "websocket");
		JsonNode first = client.awaitOne("connected");
		assertThat(first.path("pid").asText()).isNotEmpty();
		assertThat(first.path("recovered").asBoolean()).isFalse();
		drop(client, this.w1);
		sendToRoom(100);
		SocketIoCluster c1 = new SocketIoCluster(this.w1.adapter);
		c1.to("elsewhere").emit("message", Map.of("from", "elsewhere", "n", -1));
		c1.to("r").asVolatile().emit("volatile", Map.of("from", "volatile", "n", -2));
		c1.to("r").timeout(Duration.ofMillis(200)).emitWithAck("asked", Map.of("from", "ack", "n", -3)).get(5, TimeUnit.SECONDS);
		JsonNode again = reconnect(client);
		assertThat(again.path("recovered").asBoolean()).as("%s %s", client.events("connected"), client.events("disconnected")).isTrue();
		assertThat(again.path("pid").asText()).isEqualTo(first.path("pid").asText());
		client.awaitEvents("received", 101, RECOVERED_WITHIN);
		// anything newer comes after what was missed
		c1.to("r").emit("message", Map.of("from", "after", "n", 101));
		client.awaitEvents("received", 102, RECOVERED_WITHIN);
		List<String> messages = messages(client, 1);
		assertThat(messages).last().isEqualTo("message:after:101");
		assertEverySenderInOrder(messages.subList(0, 100), 100);
		// netty-socketio connects a socket to "/" at the Engine.IO handshake: its listeners learn it later
		client.send(Map.of("cmd", "ask", "name", "recovered?"));
		assertThat(client.awaitOne("answer").path("args").toString()).isEqualTo("[\"w1\",true,true,true]");
	}

	@Test
	void pollingClientRecovers() {
		enable();
		NodeClient client = joined(this.w1, "polling");
		String id = client.awaitOne("connected").path("id").asText();
		drop(client, this.w1);
		sendToRoom(20);
		JsonNode again = reconnect(client);
		assertThat(again.path("recovered").asBoolean()).isTrue();
		assertThat(again.path("id").asText()).isEqualTo(id);
		client.awaitEvents("received", 21, RECOVERED_WITHIN);
		assertEverySenderInOrder(messages(client, 1), 20);
	}

	@Test
	void reconnectionOnAnotherWorkerRecoversRoomsDataAndMissedEvents() throws Exception {
		this.nsp = "/chat";
		enable();
		NodeClient client = joined(this.w1, "websocket");
		String before = client.awaitOne("connected").path("id").asText();
		drop(client, this.w1);
		sendToRoom(100);
		client.send(Map.of("cmd", "switch", "url", this.w2.url("/")));
		JsonNode again = reconnect(client);
		assertThat(again.path("recovered").asBoolean()).isTrue();
		assertThat(again.path("id").asText()).isEqualTo(before);
		client.awaitEvents("received", 101, RECOVERED_WITHIN);
		assertEverySenderInOrder(messages(client, 1), 100);
		assertThat(this.connections.stream().filter((line) -> line.contains("/chat")))
			.containsExactly("w1/chat rooms=false recovered=false", "w2/chat rooms=true recovered=true");
		// the recovered socket is a socket of the cluster like any other
		String id = again.path("id").asText();
		ClusterNamespace chat = new SocketIoCluster(this.w1.adapter).of("/chat");
		List<RemoteSocket> sockets = chat.in("r").fetchSockets().get(5, TimeUnit.SECONDS);
		assertThat(sockets).extracting(RemoteSocket::id).containsExactly(id);
		assertThat(sockets.get(0).data()).containsEntry("seen", true);
		chat.to("r").emit("message", Map.of("from", "after", "n", 101));
		client.awaitEvents("received", 102, RECOVERED_WITHIN);
		assertThat(messages(client, 101)).containsExactly("message:after:101");
	}

	@Test
	void recoveredSocketKeepsItsIdThroughTwoCutsForTheClientAndEveryWorker() throws Exception {
		enable();
		NodeClient client = joined(this.w1, "websocket");
		String id = client.awaitOne("connected").path("id").asText();
		drop(client, this.w1);
		JsonNode again = reconnect(client);
		assertThat(again.path("recovered").asBoolean()).isTrue();
		assertThat(again.path("id").asText()).isEqualTo(id);
		assertAnswersToItsId(client, id, 1, "[\"" + id + "\",true,true]");
		// a second cut, recovered on the other worker: still the first id
		drop(client, this.w1);
		client.send(Map.of("cmd", "switch", "url", this.w2.url("/")));
		JsonNode third = reconnect(client);
		assertThat(third.path("recovered").asBoolean()).isTrue();
		assertThat(third.path("id").asText()).isEqualTo(id);
		assertAnswersToItsId(client, id, 2, "[\"" + id + "\",true,true]");
		// disconnected by that id from the worker it left
		new SocketIoCluster(this.w1.adapter).in(id).disconnectSockets(false).get(5, TimeUnit.SECONDS);
		assertThat(client.awaitEvents("disconnected", 3, RECOVERED_WITHIN).get(2).path("reason").asText())
			.isEqualTo("io server disconnect");
	}

	@Test
	void freshSocketIsKnownByItsSessionId() {
		enable();
		NodeClient client = joined(this.w1, "websocket");
		String id = client.awaitOne("connected").path("id").asText();
		client.send(Map.of("cmd", "ask", "name", "id?"));
		assertThat(client.awaitOne("answer").path("args").toString()).isEqualTo("[\"" + id + "\",true,true]");
	}

	/**
	 * The socket is known by {@code id} on both workers: fetchSockets lists it under that id
	 * (in its rooms, its id first), an emit to that id and a room joined through it reach it,
	 * and the server's own code finds it under it.
	 */
	private void assertAnswersToItsId(NodeClient client, String id, int answers, String idAnswer) throws Exception {
		for (IpcWorkers.Worker worker : List.of(this.w1, this.w2)) {
			List<RemoteSocket> sockets = new SocketIoCluster(worker.adapter).fetchSockets().get(5, TimeUnit.SECONDS);
			assertThat(sockets).extracting(RemoteSocket::id).containsExactly(id);
			assertThat(sockets.get(0).rooms()).containsExactly(id, "r");
			assertThat(new SocketIoCluster(worker.adapter).in(id).fetchSockets().get(5, TimeUnit.SECONDS))
				.extracting(RemoteSocket::id).containsExactly(id);
		}
		int received = client.events("received").size();
		SocketIoCluster c2 = new SocketIoCluster(this.w2.adapter);
		c2.to(id).emit("message", Map.of("from", "to-id", "n", answers));
		c2.in(id).socketsJoin("joined-by-id").get(5, TimeUnit.SECONDS);
		new SocketIoCluster(this.w1.adapter).to("joined-by-id").emit("message", Map.of("from", "joined", "n", answers));
		client.awaitEvents("received", received + 2, RECOVERED_WITHIN);
		assertThat(messages(client, received)).containsExactly("message:to-id:" + answers, "message:joined:" + answers);
		c2.in(id).socketsLeave("joined-by-id").get(5, TimeUnit.SECONDS);
		client.send(Map.of("cmd", "ask", "name", "id?"));
		assertThat(client.awaitEvents("answer", answers, RECOVERED_WITHIN).get(answers - 1).path("args").toString())
			.isEqualTo(idAnswer);
	}

	@Test
	void workerThatStopsHandsItsSessionsOver() {
		enable();
		NodeClient client = joined(this.w1, "websocket");
		client.send(Map.of("cmd", "switch", "url", this.w2.url("/")));
		this.w1.stop();
		client.awaitOne("disconnected");
		await().atMost(RECOVERED_WITHIN).until(() -> this.w2.adapter.recovery().keptSessions() == 1);
		ClusterNamespace c2 = new SocketIoCluster(this.w2.adapter).of(this.nsp);
		for (int i = 1; i <= 10; i++) {
			c2.to("r").emit("message", Map.of("from", "w2", "n", i));
		}
		JsonNode again = reconnect(client);
		assertThat(again.path("recovered").asBoolean()).isTrue();
		assertThat(again.path("id").asText()).isEqualTo(client.events("connected").get(0).path("id").asText());
		client.awaitEvents("received", 11, RECOVERED_WITHIN);
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			expected.add("message:w2:" + i);
		}
		assertThat(messages(client, 1)).isEqualTo(expected);
	}

	@Test
	void expiredSessionStartsFresh() {
		enable(new ConnectionRecoveryOptions(Duration.ofMillis(500), true, 1000, 10_000, 10_000));
		NodeClient client = joined(this.w1, "websocket");
		drop(client, this.w1);
		sendToRoom(2);
		// the window is a time: nothing to await but its end
		await().pollDelay(Duration.ofMillis(700)).until(() -> true);
		JsonNode again = reconnect(client);
		assertThat(again.path("recovered").asBoolean()).isFalse();
		assertThat(again.path("pid").asText()).isNotEqualTo(client.events("connected").get(0).path("pid").asText());
		assertThat(again.path("id").asText()).isNotEqualTo(client.events("connected").get(0).path("id").asText());
	}

	@Test
	void socketTheServerDisconnectedStartsFresh() {
		enable();
		NodeClient client = joined(this.w1, "websocket");
		this.w1.server.getAllClients().forEach((socket) -> socket.disconnect());
		assertThat(client.awaitOne("disconnected").path("reason").asText()).isEqualTo("io server disconnect");
		await().atMost(RECOVERED_WITHIN).until(() -> this.left.get(this.w1).get() > 0);
		JsonNode again = reconnect(client);
		assertThat(again.path("recovered").asBoolean()).isFalse();
	}

	@Test
	void madeUpPidStartsFresh() {
		enable();
		NodeClient client = client(this.w2, "websocket", "{\"pid\":\"made-up\",\"offset\":\"abc.1\"}");
		JsonNode connected = client.awaitOne("connected");
		assertThat(connected.path("recovered").asBoolean()).isFalse();
		assertThat(connected.path("pid").asText()).isNotEmpty().isNotEqualTo("made-up");
	}

	@Test
	void pidReplayedTwiceStartsFresh() {
		enable();
		NodeClient client = joined(this.w1, "websocket");
		drop(client, this.w1);
		JsonNode dropped = client.awaitOne("disconnected");
		String auth = "{\"pid\":\"" + dropped.path("pid").asText() + "\",\"offset\":\"" + dropped.path("offset").asText()
				+ "\"}";
		assertThat(reconnect(client).path("recovered").asBoolean()).isTrue();
		NodeClient replay = client(this.w2, "websocket", auth);
		JsonNode connected = replay.awaitOne("connected");
		assertThat(connected.path("recovered").asBoolean()).isFalse();
		assertThat(connected.path("pid").asText()).isNotEqualTo(dropped.path("pid").asText());
	}

	@Test
	void clientThatMissedMoreThanItsCapStartsFreshWithoutAGap() {
		enable(new ConnectionRecoveryOptions(Duration.ofMinutes(2), true, 10, 10_000, 10_000));
		NodeClient client = joined(this.w1, "websocket");
		drop(client, this.w1);
		sendFromItsWorker(11);
		JsonNode again = reconnect(client);
		assertThat(again.path("recovered").asBoolean()).isFalse();
		new SocketIoCluster(this.w1.adapter).emit("message", Map.of("from", "after", "n", 12));
		client.awaitEvents("received", 2, RECOVERED_WITHIN);
		assertThat(messages(client, 1)).containsExactly("message:after:12");
	}

	@Test
	void clientWhoseOffsetLeftTheLogStartsFresh() {
		enable(new ConnectionRecoveryOptions(Duration.ofMinutes(2), true, 1000, 10, 10_000));
		NodeClient client = joined(this.w1, "websocket");
		drop(client, this.w1);
		sendFromItsWorker(10);
		assertThat(reconnect(client).path("recovered").asBoolean()).isFalse();
	}

}

package dev.clusteradapter.cluster.redis;

import java.util.List;
import java.util.Map;

import dev.clusteradapter.cluster.redis.NodeRedisProtocol.Sharded;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames of the sharded adapter captured from two Node servers ({@code redis/captures}),
 * decoded with {@link NodeRedisPayload}: each operation's channel and structure, as
 * {@link NodeRedisProtocol} describes them.
 */
@SuppressWarnings("unchecked")
class ShardedWireCapturesTests {

	private static final String ID = "[0-9a-f]{" + Sharded.ID_LENGTH + "}";

	private static final String MAIN = Sharded.channel("socket.io", "/");

	private static final String UUID_ROOM = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

	private final WireCapture capture = new WireCapture(CapturedCommand.load("sharded.jsonl"));

	private final String a = uid("a-sub", "/");

	private final String b = uid("b-sub", "/");

	@Test
	void everyServerSubscribesToTheNamespaceAndItsOwnResponseChannel() {
		for (String server : List.of("a-sub", "b-sub")) {
			for (String nsp : List.of("/", "/admin")) {
				assertThat(this.capture.args("startup", server, "SSUBSCRIBE")).contains(
						List.of(Sharded.channel("socket.io", nsp)),
						List.of(Sharded.responseChannel("socket.io", nsp, uid(server, nsp))));
			}
		}
		assertThat(List.of(this.a, this.b, uid("a-sub", "/admin"))).allMatch((uid) -> uid.matches(ID)).doesNotHaveDuplicates();
	}

	@Test
	void everyMessageCarriesUidNspTypeAndData() {
		for (CapturedCommand frame : this.capture.publishes()) {
			Map<String, Object> message = (Map<String, Object>) frame.decoded();
			assertThat(message.keySet()).as(frame.step()).containsExactly("type", "data", "uid", "nsp");
			assertThat(message.get("uid")).as(frame.step()).asString().matches(ID);
			assertThat(frame.channel()).as(frame.step()).startsWith("socket.io#" + message.get("nsp") + "#");
			assertThat((int) message.get("type")).as(frame.step()).isBetween(Sharded.BROADCAST, Sharded.BROADCAST_ACK);
			Object requestId = ((Map<String, Object>) message.get("data")).get("requestId");
			if (requestId != null) {
				assertThat(requestId).as(frame.step()).asString().matches(ID);
			}
		}
	}

	@Test
	void aBroadcastIsJsonWithAPacketWithoutNamespace() {
		CapturedCommand frame = this.capture.onlyPublish("broadcast");
		assertThat(frame.channel()).isEqualTo(MAIN);
		assertThat(NodeRedisPayload.isJson(frame.payload())).isTrue();
		assertThat(frame.decoded()).isEqualTo(Map.of("uid", this.a, "nsp", "/", "type", Sharded.BROADCAST, "data",
				Map.of("packet", Map.of("type", 2, "data", List.of("broadcast", Map.of("text", "to all"))), "opts",
						Map.of("rooms", List.of(), "except", List.of(), "flags", Map.of()))));
	}

	@Test
	void aBroadcastWithBinaryIsMsgpack() {
		CapturedCommand frame = this.capture.onlyPublish("binary broadcast");
		assertThat(NodeRedisPayload.isJson(frame.payload())).isFalse();
		Map<String, Object> packet = (Map<String, Object>) data(frame).get("packet");
		assertThat((byte[]) ((List<Object>) packet.get("data")).get(1)).containsExactly(0, 1, 2, 250, 255);
	}

	@Test
	void dynamicModeSendsOneRoomToItsChannelUnlessItLooksLikeASocketId() {
		CapturedCommand room = this.capture.onlyPublish("room emit");
		assertThat(room.channel()).isEqualTo(Sharded.roomChannel("socket.io", "/", "room1"));
		CapturedCommand toSocket = this.capture.onlyPublish("emit to a socket id");
		String socketId = (String) ((List<Object>) opts(toSocket).get("rooms")).get(0);
		assertThat(Sharded.looksLikeASocketId(socketId)).isTrue();
		assertThat(toSocket.channel()).isEqualTo(MAIN);
		List<CapturedCommand> uuidRoom = this.capture.publishes("emit to a 36-character room");
		assertThat(uuidRoom.get(uuidRoom.size() - 1).channel()).isEqualTo(Sharded.roomChannel("socket.io", "/", UUID_ROOM));
		// receivers subscribe to a room's channel when it appears, not to their own socket ids
		assertThat(this.capture.args("join: fetchSockets of one room", "b-sub", "SSUBSCRIBE"))
			.containsExactly(List.of(Sharded.roomChannel("socket.io", "/", "room1")));
		assertThat(this.capture.args("emit to a 36-character room", "b-sub", "SSUBSCRIBE"))
			.containsExactly(List.of(Sharded.roomChannel("socket.io", "/", UUID_ROOM)));
		assertThat(this.capture.step("connect")).isEmpty();
	}

	@Test
	void exceptVolatileAndNamespaceTravelInTheBroadcast() {
		assertThat(opts(this.capture.onlyPublish("broadcast except a room"))).containsEntry("except", List.of("room1"));
		assertThat(opts(this.capture.onlyPublish("volatile broadcast"))).containsEntry("flags", Map.of("volatile", true));
		CapturedCommand admin = this.capture.onlyPublish("namespace broadcast");
		assertThat(admin.channel()).isEqualTo(Sharded.channel("socket.io", "/admin"));
		assertThat((Map<String, Object>) admin.decoded()).containsEntry("nsp", "/admin").containsEntry("uid", uid("a-sub", "/admin"));
		assertThat(this.capture.publishes("local broadcast")).isEmpty();
	}

	@Test
	void aBroadcastWithAckGoesToTheNamespaceAndIsAnsweredOnTheRequestersChannel() {
		List<CapturedCommand> frames = this.capture.step("broadcast with ack and timeout");
		assertThat(frames.get(0).channel()).isEqualTo(MAIN);
		Map<String, Object> data = data(frames.get(0));
		assertThat(data.keySet()).containsExactly("packet", "requestId", "opts");
		assertThat(data.get("opts"))
			.isEqualTo(Map.of("rooms", List.of("room1"), "except", List.of(), "flags", Map.of("timeout", 1000)));
		assertThat(frames.get(1).textArgs()).containsExactly("SHARDNUMSUB", MAIN);
		String responses = Sharded.responseChannel("socket.io", "/", this.a);
		Object requestId = data.get("requestId");
		assertThat(frames.get(2).channel()).isEqualTo(responses);
		assertThat(frames.get(2).decoded()).isEqualTo(Map.of("uid", this.b, "nsp", "/", "type",
				Sharded.BROADCAST_CLIENT_COUNT, "data", Map.of("requestId", requestId, "clientCount", 1)));
		assertThat(frames.get(3).channel()).isEqualTo(responses);
		assertThat(frames.get(3).decoded()).isEqualTo(Map.of("uid", this.b, "nsp", "/", "type", Sharded.BROADCAST_ACK,
				"data", Map.of("requestId", requestId, "packet", "yes:ready")));
		CapturedCommand binaryAck = this.capture.step("broadcast with ack, binary answer").get(3);
		assertThat(NodeRedisPayload.isJson(binaryAck.payload())).isFalse();
		assertThat((byte[]) data(binaryAck).get("packet")).containsExactly(1, 2, 3);
	}

	@Test
	void fetchSocketsAndServerSideEmitsAreAnsweredOnTheRequestersChannel() {
		List<CapturedCommand> fetch = this.capture.step("fetchSockets");
		assertThat(fetch.get(0).textArgs()).containsExactly("SHARDNUMSUB", MAIN);
		assertThat(fetch.get(1).channel()).isEqualTo(MAIN);
		assertThat((int) ((Map<String, Object>) fetch.get(1).decoded()).get("type")).isEqualTo(Sharded.FETCH_SOCKETS);
		assertThat(data(fetch.get(1)).keySet()).containsExactly("opts", "requestId");
		assertThat(fetch.get(2).channel()).isEqualTo(Sharded.responseChannel("socket.io", "/", this.a));
		assertThat((int) ((Map<String, Object>) fetch.get(2).decoded()).get("type")).isEqualTo(Sharded.FETCH_SOCKETS_RESPONSE);
		Map<String, Object> socket = (Map<String, Object>) ((List<Object>) data(fetch.get(2)).get("sockets")).get(0);
		assertThat(socket.keySet()).containsExactly("id", "handshake", "rooms", "data");

		List<CapturedCommand> emit = this.capture.publishes("serverSideEmit with ack");
		Map<String, Object> request = data(emit.get(0));
		assertThat(request).containsEntry("packet", List.of("ping-servers"));
		assertThat(emit.get(1).decoded()).isEqualTo(Map.of("uid", this.b, "nsp", "/", "type",
				Sharded.SERVER_SIDE_EMIT_RESPONSE, "data", Map.of("requestId", request.get("requestId"), "packet", "b")));
		assertThat(this.capture.onlyPublish("serverSideEmit").decoded()).isEqualTo(Map.of("uid", this.a, "nsp", "/",
				"type", Sharded.SERVER_SIDE_EMIT, "data", Map.of("packet", List.of("note", Map.of("note", 1)))));
	}

	@Test
	void socketsJoinLeaveAndDisconnectGoToTheNamespace() {
		Map<String, Object> opts = Map.of("rooms", List.of("room1"), "except", List.of(), "flags", Map.of());
		assertThat(this.capture.onlyPublish("socketsJoin").decoded()).isEqualTo(Map.of("uid", this.a, "nsp", "/",
				"type", Sharded.SOCKETS_JOIN, "data", Map.of("opts", opts, "rooms", List.of("room2"))));
		assertThat(this.capture.onlyPublish("socketsLeave").decoded()).isEqualTo(Map.of("uid", this.a, "nsp", "/",
				"type", Sharded.SOCKETS_LEAVE, "data", Map.of("opts", opts, "rooms", List.of("room2"))));
		assertThat(this.capture.onlyPublish("disconnectSockets").decoded()).isEqualTo(Map.of("uid", this.a, "nsp", "/",
				"type", Sharded.DISCONNECT_SOCKETS, "data", Map.of("opts", opts, "close", true)));
		// the room channels follow the rooms, on every server that holds them
		assertThat(this.capture.args("socketsJoin", "b-sub", "SSUBSCRIBE"))
			.containsExactly(List.of(Sharded.roomChannel("socket.io", "/", "room2")));
		assertThat(this.capture.args("socketsLeave", "b-sub", "SUNSUBSCRIBE"))
			.containsExactly(List.of(Sharded.roomChannel("socket.io", "/", "room2")));
	}

	@Test
	void noServerSendsHeartbeats() {
		assertThat(this.capture.publishes()).extracting((frame) -> ((Map<String, Object>) frame.decoded()).get("type"))
			.doesNotContain(Sharded.INITIAL_HEARTBEAT, Sharded.HEARTBEAT, Sharded.ADAPTER_CLOSE);
	}

	private static Map<String, Object> data(CapturedCommand frame) {
		return (Map<String, Object>) ((Map<String, Object>) frame.decoded()).get("data");
	}

	private static Map<String, Object> opts(CapturedCommand frame) {
		return (Map<String, Object>) data(frame).get("opts");
	}

	/** A server's uid on a namespace, from the response channel it subscribed to. */
	private String uid(String server, String nsp) {
		String prefix = Sharded.channel("socket.io", nsp);
		return this.capture.args("startup", server, "SSUBSCRIBE")
			.stream()
			.map((args) -> args.get(0))
			.filter((channel) -> channel.startsWith(prefix) && channel.length() > prefix.length())
			.map((channel) -> channel.substring(prefix.length(), channel.length() - 1))
			.findFirst()
			.orElseThrow();
	}

}

package dev.clusteradapter.cluster.redis;

import java.util.List;
import java.util.Map;

import dev.clusteradapter.cluster.redis.NodeRedisProtocol.Classic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames of the classic adapter captured from two Node servers ({@code redis/captures}),
 * decoded with {@link NodeRedisPayload}: each operation's channel and structure, as
 * {@link NodeRedisProtocol} describes them.
 */
@SuppressWarnings("unchecked")
class ClassicWireCapturesTests {

	private static final String ID = "[A-Za-z0-9_-]{" + Classic.ID_LENGTH + "}";

	private static final String REQUESTS = Classic.requestChannel("socket.io", "/");

	private static final String RESPONSES = Classic.responseChannel("socket.io", "/");

	private final WireCapture capture = new WireCapture(CapturedCommand.load("classic.jsonl"));

	private final WireCapture specific = new WireCapture(
			CapturedCommand.load("classic-specific-response-channel.jsonl"));

	private final String a = uid(this.capture, "a-sub", "/");

	@Test
	void everyServerSubscribesOncePerNamespaceWithAUidPerNamespace() {
		for (String server : List.of("a-sub", "b-sub")) {
			for (String nsp : List.of("/", "/admin")) {
				assertThat(this.capture.args("startup", server, "PSUBSCRIBE"))
					.contains(List.of(Classic.broadcastPattern("socket.io", nsp)));
				String uid = uid(this.capture, server, nsp);
				assertThat(uid).matches(ID);
				assertThat(this.capture.args("startup", server, "SUBSCRIBE")).contains(List.of(
						Classic.requestChannel("socket.io", nsp), Classic.responseChannel("socket.io", nsp),
						Classic.specificResponseChannel("socket.io", nsp, uid)));
			}
		}
		assertThat(uid(this.capture, "a-sub", "/admin")).isNotEqualTo(this.a);
	}

	@Test
	void everyPublishedFrameDecodesAsNodeReadsIt() {
		for (WireCapture capture : List.of(this.capture, this.specific)) {
			for (CapturedCommand frame : capture.publishes()) {
				Object decoded = frame.decoded();
				if (frame.channel().startsWith("socket.io#")) {
					assertThat(NodeRedisPayload.isJson(frame.payload())).as(frame.step()).isFalse();
					assertThat((List<Object>) decoded).as(frame.step()).hasSize(3);
					assertThat(((List<Object>) decoded).get(0)).as(frame.step()).asString().matches(ID);
				}
				else if (frame.channel().startsWith("socket.io-request#")) {
					Map<String, Object> request = (Map<String, Object>) decoded;
					assertThat(request.get("uid")).as(frame.step()).asString().matches(ID);
					assertThat(NodeRedisPayload.isJson(frame.payload())).as(frame.step())
						.isEqualTo(!request.get("type").equals(Classic.BROADCAST));
				}
				else {
					Map<String, Object> response = (Map<String, Object>) decoded;
					assertThat(response).as(frame.step()).doesNotContainKey("uid");
					assertThat(response.get("requestId")).as(frame.step()).asString().matches(ID);
					assertThat(NodeRedisPayload.isJson(frame.payload())).as(frame.step())
						.isEqualTo(!Integer.valueOf(Classic.BROADCAST_ACK).equals(response.get("type")));
				}
			}
		}
	}

	@Test
	void aBroadcastIsUidPacketAndOptsOnTheNamespaceChannel() {
		CapturedCommand frame = this.capture.onlyPublish("broadcast");
		assertThat(frame.channel()).isEqualTo("socket.io#/#");
		assertThat(frame.decoded()).isEqualTo(List.of(this.a,
				Map.of("type", 2, "data", List.of("broadcast", Map.of("text", "to all")), "nsp", "/"),
				Map.of("rooms", List.of(), "except", List.of(), "flags", Map.of())));
		assertThat(((Map<String, Object>) ((List<Object>) frame.decoded()).get(1)).keySet()).containsExactly("type", "data", "nsp");
		assertThat(((Map<String, Object>) ((List<Object>) frame.decoded()).get(2)).keySet()).containsExactly("rooms", "except",
				"flags");
	}

	@Test
	void aBroadcastToOneRoomTakesTheRoomsChannel() {
		CapturedCommand frame = this.capture.onlyPublish("room emit");
		assertThat(frame.channel()).isEqualTo(Classic.roomChannel("socket.io", "/", "room1"));
		assertThat(Classic.roomOf("socket.io", "/", frame.channel())).isEqualTo("room1");
		assertThat(opts(frame)).containsEntry("rooms", List.of("room1"));
		// a socket id is a room like any other here
		CapturedCommand toSocket = this.capture.onlyPublish("emit to a socket id");
		String room = (String) ((List<Object>) opts(toSocket).get("rooms")).get(0);
		assertThat(room).hasSize(NodeRedisProtocol.NODE_SOCKET_ID_LENGTH);
		assertThat(toSocket.channel()).isEqualTo(Classic.roomChannel("socket.io", "/", room));
	}

	@Test
	void exceptVolatileBinaryAndNamespaceTravelInTheBroadcast() {
		assertThat(opts(this.capture.onlyPublish("broadcast except a room"))).containsEntry("except", List.of("room1"));
		assertThat(opts(this.capture.onlyPublish("volatile broadcast"))).containsEntry("flags", Map.of("volatile", true));
		CapturedCommand binary = this.capture.onlyPublish("binary broadcast");
		assertThat((byte[]) ((List<Object>) packet(binary).get("data")).get(1)).containsExactly(0, 1, 2, 250, 255);
		CapturedCommand admin = this.capture.onlyPublish("namespace broadcast");
		assertThat(admin.channel()).isEqualTo("socket.io#/admin#");
		assertThat(packet(admin)).containsEntry("nsp", "/admin");
		assertThat(((List<Object>) admin.decoded()).get(0)).isEqualTo(uid(this.capture, "a-sub", "/admin"));
		assertThat(this.capture.publishes("local broadcast")).isEmpty();
	}

	@Test
	void fetchSocketsCountsServersThenAsksAndEachOtherServerAnswers() {
		List<CapturedCommand> frames = this.capture.step("fetchSockets");
		assertThat(frames).extracting(CapturedCommand::command).containsExactly("PUBSUB", "PUBLISH", "PUBLISH");
		assertThat(frames.get(0).textArgs()).containsExactly("NUMSUB", REQUESTS);
		Map<String, Object> request = (Map<String, Object>) frames.get(1).decoded();
		assertThat(request.keySet()).containsExactly("uid", "requestId", "type", "opts");
		assertThat(request).containsEntry("uid", this.a).containsEntry("type", Classic.REMOTE_FETCH)
			.containsEntry("opts", Map.of("rooms", List.of(), "except", List.of()));
		assertThat(frames.get(2).channel()).isEqualTo(RESPONSES);
		Map<String, Object> response = (Map<String, Object>) frames.get(2).decoded();
		assertThat(response.keySet()).containsExactly("requestId", "sockets");
		assertThat(response.get("requestId")).isEqualTo(request.get("requestId"));
		Map<String, Object> socket = (Map<String, Object>) ((List<Object>) response.get("sockets")).get(0);
		assertThat(socket.keySet()).containsExactly("id", "handshake", "rooms", "data");
		assertThat(((Map<String, Object>) socket.get("handshake")).keySet()).containsExactly("headers", "time", "address",
				"xdomain", "secure", "issued", "url", "query", "auth");
		assertThat((List<Object>) socket.get("rooms")).contains(socket.get("id"), "room1");
		assertThat(socket.get("data")).isEqualTo(Map.of("worker", "b"));
	}

	@Test
	void aBroadcastWithAckIsAMsgpackRequestAnsweredByACountAndTheAcks() {
		List<CapturedCommand> frames = this.capture.step("broadcast with ack and timeout");
		Map<String, Object> request = (Map<String, Object>) frames.get(0).decoded();
		assertThat(frames.get(0).channel()).isEqualTo(REQUESTS);
		assertThat(request.keySet()).containsExactly("uid", "requestId", "type", "packet", "opts");
		assertThat(request).containsEntry("uid", this.a).containsEntry("type", Classic.BROADCAST)
			.containsEntry("packet", Map.of("type", 2, "data", List.of("ready?", "ready"), "nsp", "/"))
			.containsEntry("opts", Map.of("rooms", List.of("room1"), "except", List.of(), "flags", Map.of("timeout", 1000)));
		assertThat(frames.get(1).textArgs()).containsExactly("NUMSUB", REQUESTS);
		Object requestId = request.get("requestId");
		assertThat(frames.get(2).decoded()).isEqualTo(
				Map.of("type", Classic.BROADCAST_CLIENT_COUNT, "requestId", requestId, "clientCount", 1));
		assertThat(frames.get(3).decoded())
			.isEqualTo(Map.of("type", Classic.BROADCAST_ACK, "requestId", requestId, "packet", "yes:ready"));
		assertThat(frames.subList(2, 4)).extracting(CapturedCommand::channel).containsOnly(RESPONSES);
		CapturedCommand binaryAck = this.capture.step("broadcast with ack, binary answer").get(3);
		assertThat((byte[]) ((Map<String, Object>) binaryAck.decoded()).get("packet")).containsExactly(1, 2, 3);
	}

	@Test
	void serverSideEmitsAreJsonRequestsAndTheAckAnswersOnTheCommonChannel() {
		List<CapturedCommand> withAck = this.capture.publishes("serverSideEmit with ack");
		Map<String, Object> request = (Map<String, Object>) withAck.get(0).decoded();
		assertThat(request.keySet()).containsExactly("uid", "requestId", "type", "data");
		assertThat(request).containsEntry("type", Classic.SERVER_SIDE_EMIT).containsEntry("data", List.of("ping-servers"));
		assertThat(withAck.get(1).decoded()).isEqualTo(
				Map.of("type", Classic.SERVER_SIDE_EMIT, "requestId", request.get("requestId"), "data", "b"));
		assertThat(this.capture.onlyPublish("serverSideEmit").decoded()).isEqualTo(
				Map.of("uid", this.a, "type", Classic.SERVER_SIDE_EMIT, "data", List.of("note", Map.of("note", 1))));
		// even a responder that answers on the requester's channel answers these on the common one
		assertThat(this.specific.publishes("serverSideEmit with ack").get(1).channel()).isEqualTo(RESPONSES);
	}

	@Test
	void socketsJoinLeaveAndDisconnectAreRequestsWithoutRequestId() {
		Map<String, Object> opts = Map.of("rooms", List.of("room1"), "except", List.of());
		assertThat(this.capture.onlyPublish("socketsJoin").decoded()).isEqualTo(
				Map.of("uid", this.a, "type", Classic.REMOTE_JOIN, "opts", opts, "rooms", List.of("room2")));
		assertThat(this.capture.onlyPublish("socketsLeave").decoded()).isEqualTo(
				Map.of("uid", this.a, "type", Classic.REMOTE_LEAVE, "opts", opts, "rooms", List.of("room2")));
		assertThat(this.capture.onlyPublish("disconnectSockets").decoded()).isEqualTo(
				Map.of("uid", this.a, "type", Classic.REMOTE_DISCONNECT, "opts", opts, "close", true));
	}

	@Test
	void specificResponseChannelsCarryTheAnswersToOneRequester() {
		String a = uid(this.specific, "a-sub", "/");
		for (String step : List.of("fetchSockets", "broadcast with ack and timeout")) {
			List<CapturedCommand> responses = this.specific.publishes(step)
				.stream()
				.filter((frame) -> frame.channel().startsWith("socket.io-response#"))
				.toList();
			assertThat(responses).isNotEmpty();
			assertThat(responses).extracting(CapturedCommand::channel)
				.containsOnly(Classic.specificResponseChannel("socket.io", "/", a));
		}
	}

	private static Map<String, Object> packet(CapturedCommand frame) {
		return (Map<String, Object>) ((List<Object>) frame.decoded()).get(1);
	}

	private static Map<String, Object> opts(CapturedCommand frame) {
		return (Map<String, Object>) ((List<Object>) frame.decoded()).get(2);
	}

	/** A server's uid on a namespace, from the specific response channel it subscribed to. */
	private static String uid(WireCapture capture, String server, String nsp) {
		String prefix = Classic.responseChannel("socket.io", nsp);
		return capture.args("startup", server, "SUBSCRIBE")
			.stream()
			.flatMap(List::stream)
			.filter((channel) -> channel.startsWith(prefix) && channel.length() > prefix.length())
			.map((channel) -> channel.substring(prefix.length(), channel.length() - 1))
			.findFirst()
			.orElseThrow();
	}

}

package dev.clusteradapter.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.clusteradapter.cluster.adapter.AdapterMessage;
import dev.clusteradapter.cluster.adapter.AdapterMessage.Broadcast;
import dev.clusteradapter.cluster.adapter.AdapterMessage.BroadcastAck;
import dev.clusteradapter.cluster.adapter.AdapterMessage.BroadcastClientCount;
import dev.clusteradapter.cluster.adapter.AdapterMessage.DisconnectSockets;
import dev.clusteradapter.cluster.adapter.AdapterMessage.FetchSockets;
import dev.clusteradapter.cluster.adapter.AdapterMessage.OperationDone;
import dev.clusteradapter.cluster.adapter.AdapterMessage.ServerSideEmit;
import dev.clusteradapter.cluster.adapter.AdapterMessage.ServerSideEmitResponse;
import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketsJoin;
import dev.clusteradapter.cluster.adapter.BroadcastTarget;
import dev.clusteradapter.cluster.adapter.WireValues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link ClassicWire} and {@link ShardedWire}: what one node writes, another reads
 * back as the same adapter message, on the channel Node's adapter would use, in its format;
 * answers meant for Node carry nothing Node would misread.
 */
class NodeWireTests {

	private static final BroadcastTarget ROOM = new BroadcastTarget("/chat", List.of("room1"), List.of("muted"), false);

	private final WireValues values = new WireValues();

	private NodeWire wire(RedisMode mode, String uid, RequestIds ids) {
		return (mode == RedisMode.SHARDED) ? new ShardedWire("socket.io", uid, ids) : new ClassicWire("socket.io", uid, ids);
	}

	private final RequestIds senderIds = new RequestIds(60_000_000_000L);

	private final RequestIds receiverIds = new RequestIds(60_000_000_000L);

	private WireMessage roundTrip(RedisMode mode, BiFunction<NodeWire, AdapterMessage, WireFrame> write, AdapterMessage message) {
		NodeWire sender = wire(mode, "aaaaaaaaaaaaaaaa", this.senderIds);
		NodeWire receiver = wire(mode, "bbbbbbbbbbbbbbbb", this.receiverIds);
		WireFrame frame = write.apply(sender, message);
		WireMessage read = receiver.read(frame.channel(), frame.payload());
		assertThat(read.senderUid()).isEqualTo("aaaaaaaaaaaaaaaa");
		return read;
	}

	@ParameterizedTest
	@EnumSource(RedisMode.class)
	void aBroadcastArrivesWithItsTargetEventAndArgumentsBinaryIncluded(RedisMode mode) {
		Broadcast sent = new Broadcast(ROOM, "news", this.values.encode(List.of(Map.of("a", 1), new byte[] { 1, 2, 3 }, "x")),
				null, null);
		NodeWire sender = wire(mode, "aaaaaaaaaaaaaaaa", this.senderIds);
		WireFrame frame = sender.publish(sent);
		// Node's channels: classic names the one room, sharded keeps the namespace channel
		assertThat(frame.channel()).isEqualTo((mode == RedisMode.CLASSIC) ? "socket.io#/chat#room1#" : "socket.io#/chat#");
		Broadcast read = (Broadcast) wire(mode, "bbbbbbbbbbbbbbbb", this.receiverIds).read(frame.channel(), frame.payload()).message();
		assertThat(read.target()).isEqualTo(ROOM);
		assertThat(read.event()).isEqualTo("news");
		assertThat(read.requestId()).isNull();
		List<Object> args = this.values.values(read.args());
		assertThat(args.get(0)).isEqualTo(Map.of("a", 1));
		assertThat((byte[]) args.get(1)).containsExactly(1, 2, 3);
		assertThat(args.get(2)).isEqualTo("x");
	}

	@ParameterizedTest
	@EnumSource(RedisMode.class)
	void everyFrameANodePublishesIsKnownAsItsOwnBeforeItIsDecoded(RedisMode mode) {
		NodeWire sender = wire(mode, "aaaaaaaaaaaaaaaa", this.senderIds);
		byte[] own = "aaaaaaaaaaaaaaaa".getBytes(StandardCharsets.UTF_8);
		byte[] other = "bbbbbbbbbbbbbbbb".getBytes(StandardCharsets.UTF_8);
		List<WireFrame> frames = List.of(
				sender.publish(new Broadcast(ROOM, "news", this.values.encode(List.of("x")), null, null)),
				sender.publish(new Broadcast(ROOM, "news", this.values.encode(List.of(new byte[] { 1 })), null, null)),
				sender.publish(new Broadcast(ROOM, "news", this.values.encode(List.of("x")), 3L, 1000L)),
				sender.publish(new FetchSockets(4, ROOM)),
				sender.publish(new ServerSideEmit(5L, "/", "hi", this.values.encode(List.of(new byte[] { 2 })))),
				sender.publish(new ServerSideEmit(null, "/", "hi", this.values.encode(List.of("y")))),
				sender.publish(new SocketsJoin(6, ROOM, List.of("r"))), sender.signal(WireMessage.Signal.INITIAL_HEARTBEAT),
				sender.signal(WireMessage.Signal.HEARTBEAT), sender.signal(WireMessage.Signal.CLOSE));
		for (WireFrame frame : frames) {
			assertThat(WireSupport.sentBy(frame.payload(), own)).as(frame.type()).isTrue();
			assertThat(WireSupport.sentBy(frame.payload(), other)).as(frame.type()).isFalse();
			// what the early check drops is what reading would have dropped
			assertThat(sender.read(frame.channel(), frame.payload())).as(frame.type()).isNull();
		}
		assertThat(WireSupport.sentBy(new byte[0], own)).isFalse();
		assertThat(WireSupport.sentBy("{\"uid\":\"aaaaaaaaaaaaaaaab\"}".getBytes(StandardCharsets.UTF_8), own)).isFalse();
	}

	@ParameterizedTest
	@EnumSource(RedisMode.class)
	void ownFramesAreIgnored(RedisMode mode) {
		NodeWire sender = wire(mode, "aaaaaaaaaaaaaaaa", this.senderIds);
		WireFrame frame = sender.publish(new FetchSockets(7, ROOM));
		assertThat(sender.read(frame.channel(), frame.payload())).isNull();
	}

	@ParameterizedTest
	@EnumSource(RedisMode.class)
	void requestsKeepTheirIdsAndAnswersFindTheirWayBack(RedisMode mode) {
		long id = this.senderIds.next();
		FetchSockets fetch = (FetchSockets) roundTrip(mode, NodeWire::publish, new FetchSockets(id, ROOM)).message();
		assertThat(fetch.target()).isEqualTo(ROOM);
		// the receiver answers under its own number for the request, which maps back to the sender's id
		NodeWire receiver = wire(mode, "bbbbbbbbbbbbbbbb", this.receiverIds);
		WireFrame answer = receiver.send("aaaaaaaaaaaaaaaa", true, new ServerSideEmitResponse(fetch.requestId(), "pong"));
		assertThat(answer.channel()).endsWith("#/chat#aaaaaaaaaaaaaaaa#");
		WireMessage read = wire(mode, "aaaaaaaaaaaaaaaa", this.senderIds).read(answer.channel(), answer.payload());
		assertThat(read.message()).isEqualTo(new ServerSideEmitResponse(id, "pong"));
		assertThat(read.senderUid()).isEqualTo("bbbbbbbbbbbbbbbb");
	}

	@ParameterizedTest
	@EnumSource(RedisMode.class)
	void operationsCarryAnIdThatThisAdaptersPeersAnswer(RedisMode mode) {
		long id = this.senderIds.next();
		SocketsJoin join = (SocketsJoin) roundTrip(mode, NodeWire::publish, new SocketsJoin(id, ROOM, List.of("r2"))).message();
		assertThat(join.rooms()).containsExactly("r2");
		assertThat(join.target().rooms()).containsExactly("room1");
		DisconnectSockets disconnect = (DisconnectSockets) roundTrip(mode, NodeWire::publish,
				new DisconnectSockets(this.senderIds.next(), ROOM, true)).message();
		assertThat(disconnect.close()).isTrue();
		NodeWire receiver = wire(mode, "bbbbbbbbbbbbbbbb", this.receiverIds);
		WireFrame done = receiver.send("aaaaaaaaaaaaaaaa", true, new OperationDone(join.requestId()));
		assertThat(wire(mode, "aaaaaaaaaaaaaaaa", this.senderIds).read(done.channel(), done.payload()).message())
			.isEqualTo(new OperationDone(id));
		// a Node requester is never told: it awaits nothing
		assertThat(receiver.send("cccccc", false, new OperationDone(join.requestId()))).isNull();
	}

	@ParameterizedTest
	@EnumSource(RedisMode.class)
	void acksOfClientsThatDidNotAnswerGoToThisAdaptersPeersOnly(RedisMode mode) {
		long id = this.senderIds.next();
		Broadcast ask = (Broadcast) roundTrip(mode, NodeWire::publish,
				new Broadcast(ROOM, "ready?", this.values.encode(List.of()), id, 2000L)).message();
		assertThat(ask.ackTimeoutMillis()).isEqualTo(2000L);
		NodeWire receiver = wire(mode, "bbbbbbbbbbbbbbbb", this.receiverIds);
		assertThat(receiver.send("cccccc", false, new BroadcastAck(ask.requestId(), null, true, "s1"))).isNull();
		NodeWire requester = wire(mode, "aaaaaaaaaaaaaaaa", this.senderIds);
		WireFrame count = receiver.send("aaaaaaaaaaaaaaaa", true, new BroadcastClientCount(ask.requestId(), 2, List.of("s1", "s2")));
		assertThat(requester.read(count.channel(), count.payload()).message())
			.isEqualTo(new BroadcastClientCount(id, 2, List.of("s1", "s2")));
		WireFrame missing = receiver.send("aaaaaaaaaaaaaaaa", true, new BroadcastAck(ask.requestId(), null, true, "s1"));
		assertThat(requester.read(missing.channel(), missing.payload()).message()).isEqualTo(new BroadcastAck(id, null, true, "s1"));
		// to a Node requester: socket.io's fields only
		WireFrame forNode = receiver.send("cccccc", false, new BroadcastClientCount(ask.requestId(), 2, List.of("s1", "s2")));
		assertThat(new String(forNode.payload(), StandardCharsets.UTF_8)).doesNotContain("socketIds");
	}

	@ParameterizedTest
	@EnumSource(RedisMode.class)
	void serverSideEmitsCarryTheirArgumentsAndOptionalId(RedisMode mode) {
		ServerSideEmit read = (ServerSideEmit) roundTrip(mode, NodeWire::publish,
				new ServerSideEmit(null, "/", "ping", this.values.encode(List.of("a", 2)))).message();
		assertThat(read.requestId()).isNull();
		assertThat(read.event()).isEqualTo("ping");
		assertThat(this.values.values(read.args())).containsExactly("a", 2);
	}

	@ParameterizedTest
	@EnumSource(RedisMode.class)
	void signalsNameTheirSender(RedisMode mode) {
		NodeWire sender = wire(mode, "aaaaaaaaaaaaaaaa", this.senderIds);
		for (WireMessage.Signal signal : WireMessage.Signal.values()) {
			WireFrame frame = sender.signal(signal);
			assertThat(frame.channel()).isEqualTo("socket.io-heartbeat#");
			WireMessage read = wire(mode, "bbbbbbbbbbbbbbbb", this.receiverIds).read(frame.channel(), frame.payload());
			assertThat(read.signal()).isEqualTo(signal);
			assertThat(read.senderUid()).isEqualTo("aaaaaaaaaaaaaaaa");
		}
	}

	@ParameterizedTest
	@EnumSource(RedisMode.class)
	void aForeignRequestIdIsAnsweredAsItCame(RedisMode mode) {
		// classic Node servers use 6 random characters
		long local = this.receiverIds.fromWire("Ab3xYz", "/");
		assertThat(this.receiverIds.toWire(local)).isEqualTo("Ab3xYz");
		assertThat(this.receiverIds.fromWire(null, "/")).isZero();
	}

	@ParameterizedTest
	@EnumSource(RedisMode.class)
	void malformedFramesThrowOneKnownException(RedisMode mode) {
		NodeWire receiver = wire(mode, "bbbbbbbbbbbbbbbb", this.receiverIds);
		String channel = (mode == RedisMode.CLASSIC) ? "socket.io-request#/#" : "socket.io#/#";
		for (byte[] garbage : List.of(new byte[] { (byte) 0xc1 }, "{nope".getBytes(StandardCharsets.UTF_8),
				((mode == RedisMode.CLASSIC) ? "{\"uid\":\"x\",\"type\":7,\"packet\":7}"
						: "{\"uid\":\"x\",\"type\":3,\"data\":{\"packet\":7}}").getBytes(StandardCharsets.UTF_8),
				new byte[0],
				new byte[] { (byte) 0xdd, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff })) {
			assertThatThrownBy(() -> receiver.read(channel, garbage)).isInstanceOf(MalformedMessageException.class);
		}
	}

}

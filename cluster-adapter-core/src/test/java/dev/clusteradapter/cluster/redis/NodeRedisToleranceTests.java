package dev.clusteradapter.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusteradapter.cluster.redis.NodeRedisProtocol.Classic;
import dev.clusteradapter.cluster.redis.NodeRedisProtocol.Sharded;
import dev.clusteradapter.cluster.redis.RedisNodeServer.Adapter;
import org.json.JSONArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a Node server with {@code @socket.io/redis-adapter} does with frames it did not
 * expect, as {@link NodeRedisProtocol} records it: what a Java peer may add (Node ignores
 * it and goes on serving), and what it must never send (Node's process ends).
 */
class NodeRedisToleranceTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String PREFIX = NodeRedisProtocol.DEFAULT_PREFIX;

	private static final String JAVA_UID = "java-peer-uid";

	@RegisterExtension
	static final RedisServerProcess redis = new RedisServerProcess();

	@Test
	void classicServersIgnoreWhatAPeerMayAdd() {
		try (RedisNodeServer node = RedisNodeServer.start(redis.uri(), Adapter.CLASSIC);
				ProbeClient client = ProbeClient.connect(node.url() + "/")) {
			awaitSubscribed(Adapter.CLASSIC);
			String request = Classic.requestChannel(PREFIX, "/");
			String response = Classic.responseChannel(PREFIX, "/");
			String broadcast = Classic.broadcastChannel(PREFIX, "/");
			publish(request, json(map("uid", JAVA_UID, "type", 99, "data", List.of("note", "unknown type"))));
			publish(request, json(map("uid", JAVA_UID, "data", List.of("note", "no type"))));
			publish(request, json(map("uid", JAVA_UID, "type", Classic.SERVER_SIDE_EMIT, "data",
					List.of("note", "extra fields"), "java", map("version", 1))));
			publish(request, Notepack.encode(map("uid", JAVA_UID, "type", Classic.SERVER_SIDE_EMIT, "data",
					List.of("note", "msgpack request", new byte[] { 1 }))));
			publish(request, "{not json".getBytes(StandardCharsets.UTF_8));
			publish(request, hex("c1"));
			publish(request, hex("05"));
			publish(request, json(map()));
			publish(response, json(map("requestId", "unknown", "sockets", List.of())));
			publish(response, json(map("type", Classic.BROADCAST_CLIENT_COUNT)));
			publish(response, Notepack.encode(map("type", Classic.BROADCAST_ACK, "requestId", "unknown", "packet", 1)));
			publish(response, hex("c1c1"));
			publish(broadcast, Notepack.encode(List.of(JAVA_UID, map("type", 2, "data", List.of("broadcast", "extras"), "nsp",
					"/", "java", 1), map("rooms", List.of(), "except", List.of(), "flags", map("java", true), "java", 1), "extra")));
			publish(broadcast, Notepack.encode(List.of(JAVA_UID, map("type", 2, "data", List.of("broadcast", "no nsp")),
					map("rooms", List.of(), "except", List.of()))));
			publish(broadcast, Notepack.encode(List.of(JAVA_UID,
					map("type", 2, "data", List.of("broadcast", "other namespace"), "nsp", "/other"),
					map("rooms", List.of(), "except", List.of()))));
			// not parsed at all: Node holds no such room
			publish(Classic.roomChannel(PREFIX, "/", "no-such-room"), hex("c1"));
			publish(request, json(map("uid", JAVA_UID, "type", Classic.SERVER_SIDE_EMIT, "data", List.of("note", "last"))));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(notes(client)).contains("last"));
			assertThat(notes(client)).containsExactly("extra fields", "msgpack request", "last");
			assertThat(client.broadcasts()).containsExactly("extras", "no nsp");
			assertThat(node.isAlive()).isTrue();
		}
	}

	@Test
	void shardedServersIgnoreWhatAPeerMayAdd() {
		try (RedisNodeServer node = RedisNodeServer.start(redis.uri(), Adapter.SHARDED);
				ProbeClient client = ProbeClient.connect(node.url() + "/")) {
			awaitSubscribed(Adapter.SHARDED);
			String main = Sharded.channel(PREFIX, "/");
			String responses = Sharded.responseChannel(PREFIX, "/", shardedUid());
			for (int type : new int[] { Sharded.INITIAL_HEARTBEAT, Sharded.HEARTBEAT, Sharded.ADAPTER_CLOSE, 99 }) {
				spublish(main, json(map("uid", JAVA_UID, "nsp", "/", "type", type)));
			}
			spublish(main, json(map("uid", JAVA_UID, "nsp", "/", "type", Sharded.SERVER_SIDE_EMIT, "data",
					map("packet", List.of("note", "extra fields"), "java", 1), "java", map("version", 1))));
			spublish(main, Notepack.encode(map("uid", JAVA_UID, "nsp", "/", "type", Sharded.SERVER_SIDE_EMIT, "data",
					map("packet", List.of("note", "msgpack", new byte[] { 1 })))));
			spublish(main, hex("c1"));
			spublish(main, hex("05"));
			spublish(main, json(map()));
			// another namespace is dropped before data is read
			spublish(main, json(map("uid", JAVA_UID, "nsp", "/other", "type", Sharded.BROADCAST)));
			for (int type : new int[] { Sharded.FETCH_SOCKETS_RESPONSE, Sharded.SERVER_SIDE_EMIT_RESPONSE,
					Sharded.BROADCAST_CLIENT_COUNT, Sharded.BROADCAST_ACK }) {
				spublish(main, json(map("uid", JAVA_UID, "nsp", "/", "type", type, "data",
						map("requestId", "unknown", "sockets", List.of(), "packet", 1, "clientCount", 1))));
				spublish(responses, json(map("uid", JAVA_UID, "nsp", "/", "type", type, "data",
						map("requestId", "unknown", "sockets", List.of(), "packet", 1, "clientCount", 1))));
			}
			spublish(responses, json(map("uid", JAVA_UID, "nsp", "/", "type", 99, "data", map("requestId", "unknown"))));
			spublish(responses, hex("c1"));
			spublish(main, json(map("uid", JAVA_UID, "nsp", "/", "type", Sharded.BROADCAST, "data",
					map("packet", map("type", 2, "data", List.of("broadcast", "extras"), "java", 1), "opts",
							map("rooms", List.of(), "except", List.of(), "flags", map(), "java", 1)))));
			spublish(main, json(map("uid", JAVA_UID, "nsp", "/", "type", Sharded.SERVER_SIDE_EMIT, "data",
					map("packet", List.of("note", "last")))));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(notes(client)).contains("last"));
			assertThat(notes(client)).containsExactly("extra fields", "msgpack", "last");
			assertThat(client.broadcasts()).containsExactly("extras");
			assertThat(node.isAlive()).isTrue();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fatalFrames")
	void framesAPeerMustNeverSendEndANodeServer(String description, Adapter adapter, String channel, byte[] payload) {
		try (RedisNodeServer node = RedisNodeServer.start(redis.uri(), adapter)) {
			awaitSubscribed(adapter);
			String target = channel.replace("<uid>", (adapter == Adapter.SHARDED) ? shardedUid() : "");
			if (adapter == Adapter.SHARDED) {
				spublish(target, payload);
			}
			else {
				publish(target, payload);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> !node.isAlive());
			assertThat(node.stderr()).containsAnyOf("TypeError", "Error");
		}
	}

	static Stream<Arguments> fatalFrames() {
		String broadcast = Classic.broadcastChannel(PREFIX, "/");
		String request = Classic.requestChannel(PREFIX, "/");
		String response = Classic.responseChannel(PREFIX, "/");
		String main = Sharded.channel(PREFIX, "/");
		String responses = Sharded.channel(PREFIX, "/") + "<uid>#";
		Map<String, Object> packet = map("type", 2, "data", List.of("broadcast", "x"), "nsp", "/");
		List<Arguments> frames = new ArrayList<>();
		frames.add(Arguments.of("classic broadcast channel: garbage", Adapter.CLASSIC, broadcast, hex("c1")));
		frames.add(Arguments.of("classic broadcast channel: JSON", Adapter.CLASSIC, broadcast,
				json(List.of(JAVA_UID, packet, map("rooms", List.of(), "except", List.of())))));
		frames.add(Arguments.of("classic broadcast channel: nil", Adapter.CLASSIC, broadcast, hex("c0")));
		frames.add(Arguments.of("classic broadcast channel: no opts", Adapter.CLASSIC, broadcast,
				Notepack.encode(List.of(JAVA_UID, packet))));
		frames.add(Arguments.of("classic request: nil", Adapter.CLASSIC, request, hex("c0")));
		frames.add(Arguments.of("classic request: fetch without opts", Adapter.CLASSIC, request,
				json(map("uid", JAVA_UID, "requestId", "r1", "type", Classic.REMOTE_FETCH))));
		frames.add(Arguments.of("classic request: broadcast with ack without opts", Adapter.CLASSIC, request,
				Notepack.encode(map("uid", JAVA_UID, "requestId", "r2", "type", Classic.BROADCAST, "packet", packet))));
		frames.add(Arguments.of("classic request: server-side emit with ack, data no array", Adapter.CLASSIC, request,
				json(map("uid", JAVA_UID, "requestId", "r3", "type", Classic.SERVER_SIDE_EMIT, "data", "x"))));
		frames.add(Arguments.of("classic response: nil", Adapter.CLASSIC, response, hex("c0")));
		frames.add(Arguments.of("sharded: nil", Adapter.SHARDED, main, hex("c0")));
		frames.add(Arguments.of("sharded: broadcast without data", Adapter.SHARDED, main,
				json(map("uid", JAVA_UID, "nsp", "/", "type", Sharded.BROADCAST))));
		frames.add(Arguments.of("sharded: socketsJoin without opts", Adapter.SHARDED, main,
				json(map("uid", JAVA_UID, "nsp", "/", "type", Sharded.SOCKETS_JOIN, "data", map("rooms", List.of("r"))))));
		frames.add(Arguments.of("sharded: response type without data", Adapter.SHARDED, main,
				json(map("uid", JAVA_UID, "nsp", "/", "type", Sharded.FETCH_SOCKETS_RESPONSE))));
		frames.add(Arguments.of("sharded response channel: no data", Adapter.SHARDED, responses,
				json(map("uid", JAVA_UID, "nsp", "/", "type", 99))));
		return frames.stream();
	}

	private static List<Object> notes(ProbeClient client) {
		JSONArray notes = (JSONArray) client.ack("notes");
		List<Object> list = new ArrayList<>();
		for (int i = 0; i < notes.length(); i++) {
			list.add(notes.opt(i));
		}
		return list;
	}

	/** The uid of the only sharded server on "/", from its response channel. */
	@AfterEach
	void nodeUnsubscribed() {
		// the next test waits for its own node's subscriptions: none of this one's may linger
		await().atMost(Duration.ofSeconds(10))
			.until(() -> numpat() + numsub("NUMSUB", Classic.requestChannel(PREFIX, "/"))
					+ numsub("SHARDNUMSUB", Sharded.channel(PREFIX, "/")) == 0);
	}

	/**
	 * Node's adapter subscribes after its server listens: a frame published before reaches no
	 * one, and a test awaiting its effect times out.
	 */
	private static void awaitSubscribed(Adapter adapter) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> (adapter == Adapter.SHARDED) ? numsub("SHARDNUMSUB", Sharded.channel(PREFIX, "/")) > 0
					: numpat() > 0 && numsub("NUMSUB", Classic.requestChannel(PREFIX, "/")) > 0);
	}

	private static long numpat() {
		return Long.parseLong(redis.cli("PUBSUB", "NUMPAT").strip());
	}

	/** {@code PUBSUB NUMSUB|SHARDNUMSUB channel} prints the channel, then its count. */
	private static long numsub(String subcommand, String channel) {
		List<String> lines = redis.cli("PUBSUB", subcommand, channel).lines().toList();
		return Long.parseLong(lines.get(lines.size() - 1).strip());
	}

	private static String shardedUid() {
		String prefix = Sharded.channel(PREFIX, "/");
		return redis.cli("PUBSUB", "SHARDCHANNELS", prefix + "*")
			.lines()
			.filter((channel) -> channel.length() > prefix.length())
			.map((channel) -> channel.substring(prefix.length(), channel.length() - 1))
			.filter((uid) -> uid.matches("[0-9a-f]{" + Sharded.ID_LENGTH + "}"))
			.findFirst()
			.orElseThrow();
	}

	private static void publish(String channel, byte[] payload) {
		assertThat(redis.publish(channel, payload)).as("subscribers of %s", channel).isGreaterThanOrEqualTo(0);
	}

	private static void spublish(String channel, byte[] payload) {
		assertThat(redis.spublish(channel, payload)).as("subscribers of %s", channel).isEqualTo(1);
	}

	private static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex);
	}

	private static byte[] json(Object value) {
		try {
			return JSON.writeValueAsBytes(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}

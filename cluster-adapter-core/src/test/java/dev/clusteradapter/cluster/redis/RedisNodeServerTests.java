package dev.clusteradapter.cluster.redis;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.clusteradapter.cluster.redis.RedisNodeServer.Adapter;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisNodeServer}: two Node servers on one {@link RedisServerProcess} are one
 * Socket.IO cluster, in both adapter modes, for the official Java client.
 */
class RedisNodeServerTests {

	@RegisterExtension
	static final RedisServerProcess redis = new RedisServerProcess();

	private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@ParameterizedTest
	@EnumSource(Adapter.class)
	void twoNodeServersServeOneSetOfClients(Adapter adapter) throws Exception {
		RedisNodeServer a = track(RedisNodeServer.start(redis.uri(), adapter, Map.of("WORKER", "a")));
		RedisNodeServer b = track(RedisNodeServer.start(redis.uri(), adapter, Map.of("NAMESPACES", "/admin")));
		assertThat(a.worker()).isEqualTo("a");
		assertThat(b.worker()).isEqualTo("node-" + b.port());
		Socket onA = connect(a.url() + "/");
		Socket onB = connect(b.url() + "/");
		assertThat(((JSONObject) ack(onB, "whoami")).getString("worker")).isEqualTo(b.worker());
		assertThat(((JSONObject) ack(onA, "cluster")).getInt("servers")).isEqualTo(2);
		List<Object> received = new CopyOnWriteArrayList<>();
		onB.on("broadcast", (args) -> received.add(args[0]));
		onA.emit("broadcast", "hello");
		await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("hello"));
		// the extra namespace is served too (only b serves it, so a fetch there finds one)
		Socket admin = connect(b.url() + "/admin");
		assertThat(ack(admin, "who", JSONObject.NULL).toString()).contains(b.worker());
	}

	@ParameterizedTest
	@EnumSource(Adapter.class)
	void aKilledServerIsGoneAtOnce(Adapter adapter) {
		RedisNodeServer server = track(RedisNodeServer.start(redis.uri(), adapter));
		server.kill();
		assertThat(server.isAlive()).isFalse();
	}

	private RedisNodeServer track(RedisNodeServer server) {
		this.resources.add(server);
		return server;
	}

	private Socket connect(String url) throws Exception {
		IO.Options options = IO.Options.builder().setTransports(new String[] { "websocket" }).setReconnection(false)
			.setForceNew(true).build();
		Socket socket = IO.socket(URI.create(url), options);
		CompletableFuture<Void> connected = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(null));
		socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> connected.completeExceptionally(new IllegalStateException(url)));
		socket.connect();
		this.resources.add(socket::close);
		connected.get(20, TimeUnit.SECONDS);
		return socket;
	}

	private static Object ack(Socket socket, String event, Object... arguments) throws Exception {
		CompletableFuture<Object> reply = new CompletableFuture<>();
		socket.emit(event, arguments, (args) -> reply.complete(args[0]));
		return reply.get(20, TimeUnit.SECONDS);
	}

}

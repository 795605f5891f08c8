package dev.clusteradapter.cluster.redis;

import java.time.Duration;
import java.util.Map;

import dev.clusteradapter.cluster.redis.RedisNodeServer.Adapter;
import org.json.JSONObject;
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

	@ParameterizedTest
	@EnumSource(Adapter.class)
	void twoNodeServersServeOneSetOfClients(Adapter adapter) throws Exception {
		try (RedisNodeServer a = RedisNodeServer.start(redis.uri(), adapter, Map.of("WORKER", "a"));
				RedisNodeServer b = RedisNodeServer.start(redis.uri(), adapter, Map.of("NAMESPACES", "/admin"));
				ProbeClient onA = ProbeClient.connect(a.url() + "/");
				ProbeClient onB = ProbeClient.connect(b.url() + "/");
				ProbeClient admin = ProbeClient.connect(b.url() + "/admin")) {
			assertThat(a.worker()).isEqualTo("a");
			assertThat(b.worker()).isEqualTo("node-" + b.port());
			assertThat(((JSONObject) onB.ack("whoami")).getString("worker")).isEqualTo(b.worker());
			assertThat(((JSONObject) onA.ack("cluster")).getInt("servers")).isEqualTo(2);
			onA.emit("broadcast", "hello");
			await().atMost(Duration.ofSeconds(10)).until(() -> onB.broadcasts().contains("hello"));
			// only b serves /admin, so a fetch there finds b's socket alone
			assertThat(admin.ack("who", JSONObject.NULL).toString()).contains(b.worker());
		}
	}

	@ParameterizedTest
	@EnumSource(Adapter.class)
	void aKilledServerIsGoneAtOnce(Adapter adapter) {
		try (RedisNodeServer server = RedisNodeServer.start(redis.uri(), adapter)) {
			server.kill();
			assertThat(server.isAlive()).isFalse();
		}
	}

}

package dev.clusteradapter.sample;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.clusteradapter.cluster.redis.RedisNodeServer;
import dev.clusteradapter.cluster.redis.RedisServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Java hosts (each the sample's primary with two worker JVMs) and a Node.js server with
 * Socket.IO's own {@code @socket.io/redis-adapter}, on one Redis, serve one set of clients:
 * every cluster-wide row of the probe contract, started from each host, reaches the clients
 * of every other, over WebSocket and polling, in both of the Node adapter's modes.
 */
class MultiHostIntegrationTests {

	@ParameterizedTest
	@ValueSource(strings = { "classic", "sharded" })
	void javaHostsAndANodeServerServeOneSetOfClients(String mode) throws Exception {
		try (RedisServerProcess redis = RedisServerProcess.started();
				SampleCluster hostA = host("a", mode, redis);
				SampleCluster hostB = host("b", mode, redis);
				RedisNodeServer node = RedisNodeServer.start(redis.uri(), RedisNodeServer.Adapter.valueOf(mode.toUpperCase()),
						java.util.Map.of("WORKER", "node-c"))) {
			hostA.awaitServing(2);
			hostB.awaitServing(2);
			NodeScript run = NodeScript.run("multi-host.js", "5", hostA.socketUrl(), hostB.socketUrl(), node.url());
			assertThat(run.output()).doesNotContain("not ok").contains("22 passed, 0 failed");
			assertThat(run.exitCode()).isZero();
		}
	}

	private static SampleCluster host(String name, String mode, RedisServerProcess redis) throws Exception {
		return SampleCluster.start("multi-host-" + mode + "-" + name, "--socketio.cluster.transport=redis",
				"--socketio.cluster.redis.mode=" + mode, "--spring.data.redis.url=" + redis.uri(),
				"--sample.node-name=host-" + name,
				// six JVMs of two hosts are enough for two cores: no standby here
				"--socketio.cluster.worker.standby=false");
	}

}

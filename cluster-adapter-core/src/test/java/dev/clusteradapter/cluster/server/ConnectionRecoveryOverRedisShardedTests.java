package dev.clusteradapter.cluster.server;

import java.time.Duration;

import dev.clusteradapter.cluster.redis.RedisMode;

/**
 * Every test of {@link ConnectionRecoveryTests}, with the two workers' adapters joined over a
 * real Redis in sharded mode, as workers of two hosts would be: a client reconnecting to the
 * other host recovers too.
 */
class ConnectionRecoveryOverRedisShardedTests extends ConnectionRecoveryTests {

	@Override
	IpcWorkers newCluster() {
		return new IpcWorkers(Duration.ofSeconds(5), RedisMode.SHARDED);
	}

}

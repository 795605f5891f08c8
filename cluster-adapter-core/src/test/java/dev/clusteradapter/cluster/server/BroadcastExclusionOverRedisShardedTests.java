package dev.clusteradapter.cluster.server;

import java.time.Duration;

import dev.clusteradapter.cluster.redis.RedisMode;

/**
 * Every test of {@link BroadcastExclusionTests}, with the two workers' adapters joined over a real
 * Redis in sharded mode, as workers of two hosts would be.
 */
class BroadcastExclusionOverRedisShardedTests extends BroadcastExclusionTests {

	@Override
	IpcWorkers newCluster() {
		return new IpcWorkers(Duration.ofSeconds(5), RedisMode.SHARDED);
	}

}

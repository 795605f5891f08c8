package dev.clusteradapter.cluster.adapter;

import dev.clusteradapter.cluster.redis.RedisMode;
import dev.clusteradapter.cluster.redis.RedisServerProcess;
import dev.clusteradapter.cluster.redis.RedisTransports;

/**
 * Every test of {@link SocketIoClusterTests}, with the three nodes joined over a real Redis
 * in classic mode, as three hosts would be.
 */
class SocketIoClusterOverRedisClassicTests extends SocketIoClusterTests {

	private final RedisServerProcess redis = RedisServerProcess.started();

	@Override
	ClusterNode newWorker(int id) {
		return ClusterNode.over(RedisTransports.start(this.redis, RedisMode.CLASSIC, true), true);
	}

	@Override
	void closeTransport() {
		this.redis.close();
	}

}

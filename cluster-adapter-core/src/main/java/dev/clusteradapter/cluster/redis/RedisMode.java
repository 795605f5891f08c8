package dev.clusteradapter.cluster.redis;

/**
 * Which of Socket.IO's Redis adapters a {@link RedisTransport} speaks like.
 */
public enum RedisMode {

	/**
	 * {@code createAdapter} of {@code @socket.io/redis-adapter}: PUBLISH and (P)SUBSCRIBE,
	 * broadcasts in msgpack on {@code <prefix>#<nsp>#[<room>#]}, requests and responses on
	 * their own channels.
	 */
	CLASSIC,

	/**
	 * {@code createShardedAdapter} (Redis 7 or later): SPUBLISH and SSUBSCRIBE, socket.io's
	 * {@code ClusterAdapter} messages on {@code <prefix>#<nsp>#} and per-room channels,
	 * responses on {@code <prefix>#<nsp>#<uid>#}.
	 */
	SHARDED

}

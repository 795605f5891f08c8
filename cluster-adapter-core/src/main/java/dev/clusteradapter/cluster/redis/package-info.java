/**
 * The adapter's transport over Redis pub/sub ({@link dev.clusteradapter.cluster.redis.RedisTransport}),
 * on the wire of Socket.IO's own {@code @socket.io/redis-adapter} 8.3.0, classic and sharded, so Java
 * and Node.js servers share one fleet: its msgpack dialect ({@link dev.clusteradapter.cluster.redis.Notepack}),
 * its payloads and channels ({@link dev.clusteradapter.cluster.redis.NodeRedisProtocol}).
 */
package dev.clusteradapter.cluster.redis;

/**
 * The wire of Socket.IO's Redis adapter ({@code @socket.io/redis-adapter} 8.3.0, classic and
 * sharded): its msgpack dialect ({@link dev.clusteradapter.cluster.redis.Notepack}), its
 * payloads and its channels ({@link dev.clusteradapter.cluster.redis.NodeRedisProtocol}).
 */
package dev.clusteradapter.cluster.redis;

/**
 * The adapter's transport over Redis pub/sub, on the wire of Socket.IO's own
 * {@code @socket.io/redis-adapter} (classic and sharded), so Java and Node.js servers share one fleet.
 */
package dev.clusteradapter.cluster.redis;

package dev.clusteradapter.cluster.redis;

/**
 * One message for Redis: a channel and its payload.
 *
 * @param channel the channel
 * @param payload the bytes published
 * @param type a short name of what it carries, for meters
 */
record WireFrame(String channel, byte[] payload, String type) {
}

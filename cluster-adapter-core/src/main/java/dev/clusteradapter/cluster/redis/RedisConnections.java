package dev.clusteradapter.cluster.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * The two Redis connections of a {@link RedisTransport}, as Socket.IO's Redis adapter has
 * them: one that publishes, one in subscriber mode. Lettuce reconnects both and subscribes
 * again by itself.
 */
public interface RedisConnections extends AutoCloseable {

	/**
	 * The connection in subscriber mode.
	 * @return the connection
	 */
	StatefulRedisPubSubConnection<byte[], byte[]> subscriber();

	/**
	 * The publishing connection.
	 * @return the connection
	 */
	StatefulConnection<byte[], byte[]> publisher();

	/**
	 * Commands of the publishing connection.
	 * @return the commands
	 */
	BaseRedisAsyncCommands<byte[], byte[]> commands();

	@Override
	void close();

	/**
	 * Connections to a standalone Redis, or to one found through Sentinel.
	 * @param client the client
	 * @param uri where to connect
	 * @return the connections
	 */
	static RedisConnections standalone(RedisClient client, RedisURI uri) {
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = client.connectPubSub(ByteArrayCodec.INSTANCE, uri);
		StatefulRedisConnection<byte[], byte[]> publisher = client.connect(ByteArrayCodec.INSTANCE, uri);
		return of(subscriber, publisher, publisher.async());
	}

	/**
	 * Connections to a Redis Cluster.
	 * @param client the client
	 * @return the connections
	 */
	static RedisConnections cluster(RedisClusterClient client) {
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = client.connectPubSub(ByteArrayCodec.INSTANCE);
		StatefulRedisClusterConnection<byte[], byte[]> publisher = client.connect(ByteArrayCodec.INSTANCE);
		return of(subscriber, publisher, publisher.async());
	}

	/**
	 * These connections, which also release something of their own when closed (the Lettuce
	 * client that opened them, say), after the connections.
	 * @param release what to release
	 * @return the connections
	 */
	default RedisConnections alsoClosing(Runnable release) {
		RedisConnections connections = this;
		return new RedisConnections() {

			@Override
			public StatefulRedisPubSubConnection<byte[], byte[]> subscriber() {
				return connections.subscriber();
			}

			@Override
			public StatefulConnection<byte[], byte[]> publisher() {
				return connections.publisher();
			}

			@Override
			public BaseRedisAsyncCommands<byte[], byte[]> commands() {
				return connections.commands();
			}

			@Override
			public void close() {
				try {
					connections.close();
				}
				finally {
					release.run();
				}
			}

		};
	}

	private static RedisConnections of(StatefulRedisPubSubConnection<byte[], byte[]> subscriber,
			StatefulConnection<byte[], byte[]> publisher, BaseRedisAsyncCommands<byte[], byte[]> commands) {
		return new RedisConnections() {

			@Override
			public StatefulRedisPubSubConnection<byte[], byte[]> subscriber() {
				return subscriber;
			}

			@Override
			public StatefulConnection<byte[], byte[]> publisher() {
				return publisher;
			}

			@Override
			public BaseRedisAsyncCommands<byte[], byte[]> commands() {
				return commands;
			}

			@Override
			public void close() {
				subscriber.close();
				publisher.close();
			}

		};
	}

}

package dev.clusteradapter.cluster.redis;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

/**
 * Redis transports connected to a test's {@link RedisServerProcess}, with the options the
 * starter gives its own Lettuce client, and fast heartbeats.
 */
public final class RedisTransports {

	private RedisTransports() {
	}

	/**
	 * A started transport.
	 * @param redis the server
	 * @param mode the wire
	 * @param servesClients whether the node serves clients
	 * @return the transport
	 */
	public static RedisTransport start(RedisServerProcess redis, RedisMode mode, boolean servesClients) {
		return start(options(mode, servesClients), connect(redis), RedisMetrics.NONE);
	}

	/**
	 * A started transport on given connections, which a test may close under it as a crash
	 * would (no goodbye).
	 * @param options the settings
	 * @param connections the connections
	 * @param metrics the hook
	 * @return the transport
	 */
	public static RedisTransport start(RedisTransportOptions options, RedisConnections connections, RedisMetrics metrics) {
		RedisTransport transport = new RedisTransport(options, connections, metrics);
		transport.start();
		return transport;
	}

	public static RedisTransportOptions options(RedisMode mode, boolean servesClients) {
		return RedisTransportOptions.defaults()
			.withMode(mode)
			.withServesClients(servesClients)
			.withHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(1));
	}

	public static RedisConnections connect(RedisServerProcess redis) {
		RedisClient client = RedisClient.create();
		client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
		return RedisConnections.standalone(client, RedisURI.create(redis.uri()))
			.alsoClosing(() -> client.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
	}

}

package dev.clusteradapter.cluster.autoconfigure.health;

import dev.clusteradapter.cluster.redis.RedisTransport;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the adapter's Redis link ({@code socketio.cluster.transport=redis}): UP while
 * both connections to Redis are open, DOWN while one is lost (local clients are still
 * served; messages to and from other nodes are dropped until Lettuce reconnects). Details:
 * mode, prefix, this node's uid, the peers that announced themselves ({@code peers}) and the
 * serving nodes known only by Redis's subscriber count ({@code countedServers}, Node.js
 * servers), and the bytes waiting to be written.
 */
public class RedisHealthIndicator implements HealthIndicator {

	private final RedisTransport transport;

	/**
	 * Creates an indicator.
	 * @param transport the transport
	 */
	public RedisHealthIndicator(RedisTransport transport) {
		this.transport = transport;
	}

	@Override
	public Health health() {
		boolean connected = this.transport.isConnected();
		Health.Builder builder = connected ? Health.up() : Health.down();
		return builder.withDetail("mode", this.transport.options().mode().name().toLowerCase(java.util.Locale.ROOT))
			.withDetail("prefix", this.transport.options().prefix())
			.withDetail("uid", this.transport.uid())
			.withDetail("connected", connected)
			.withDetail("peers", this.transport.namedPeers())
			.withDetail("countedServers", this.transport.unnamedPeers())
			.withDetail("pendingBytes", this.transport.pendingBytes())
			.build();
	}

}

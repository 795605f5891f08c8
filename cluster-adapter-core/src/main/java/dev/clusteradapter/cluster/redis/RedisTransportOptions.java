package dev.clusteradapter.cluster.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link RedisTransport}.
 *
 * @param mode which of Socket.IO's Redis adapters to speak like
 * @param prefix the channels' prefix, socket.io's {@code key} / {@code channelPrefix}
 * @param servesClients whether this node serves clients (a primary only emits and asks)
 * @param heartbeatInterval how often this node says it is alive, and counts the fleet (every
 *        second too while it sends requests)
 * @param heartbeatTimeout silence after which a peer is gone
 * @param requestRetention how long a peer's request is remembered for its answers (at least
 *        the longest acknowledgement timeout)
 * @param maxPendingBytes most bytes waiting to be written to Redis; past it, frames are dropped
 */
public record RedisTransportOptions(RedisMode mode, String prefix, boolean servesClients, Duration heartbeatInterval,
		Duration heartbeatTimeout, Duration requestRetention, long maxPendingBytes) {

	/** Socket.IO's default prefix. */
	public static final String DEFAULT_PREFIX = "socket.io";

	/** Heartbeat period by default, socket.io's {@code heartbeatInterval}. */
	public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

	/** Silence after which a peer is gone by default, socket.io's {@code heartbeatTimeout}. */
	public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

	/** Checks the settings. */
	public RedisTransportOptions {
		Objects.requireNonNull(mode, "mode");
		if (prefix == null || prefix.isEmpty()) {
			throw new IllegalArgumentException("prefix must not be empty");
		}
		Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
		Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
		Objects.requireNonNull(requestRetention, "requestRetention");
		if (maxPendingBytes <= 0) {
			throw new IllegalArgumentException("maxPendingBytes must be positive");
		}
	}

	/**
	 * Defaults: classic mode, prefix {@code socket.io}, a serving node, heartbeats every 5 s
	 * and a 10 s timeout (those of socket.io's {@code ClusterAdapterWithHeartbeat}), requests
	 * remembered 60 s, 16 MB pending at most.
	 * @return the defaults
	 */
	public static RedisTransportOptions defaults() {
		return new RedisTransportOptions(RedisMode.CLASSIC, DEFAULT_PREFIX, true, DEFAULT_HEARTBEAT_INTERVAL,
				DEFAULT_HEARTBEAT_TIMEOUT, Duration.ofSeconds(60), 16L * 1024 * 1024);
	}

	/**
	 * A copy in another mode.
	 * @param mode the mode
	 * @return the copy
	 */
	public RedisTransportOptions withMode(RedisMode mode) {
		return new RedisTransportOptions(mode, this.prefix, this.servesClients, this.heartbeatInterval,
				this.heartbeatTimeout, this.requestRetention, this.maxPendingBytes);
	}

	/**
	 * A copy with another prefix.
	 * @param prefix the prefix
	 * @return the copy
	 */
	public RedisTransportOptions withPrefix(String prefix) {
		return new RedisTransportOptions(this.mode, prefix, this.servesClients, this.heartbeatInterval,
				this.heartbeatTimeout, this.requestRetention, this.maxPendingBytes);
	}

	/**
	 * A copy for a node that serves clients or not.
	 * @param servesClients whether it serves clients
	 * @return the copy
	 */
	public RedisTransportOptions withServesClients(boolean servesClients) {
		return new RedisTransportOptions(this.mode, this.prefix, servesClients, this.heartbeatInterval,
				this.heartbeatTimeout, this.requestRetention, this.maxPendingBytes);
	}

	/**
	 * A copy with other liveness settings.
	 * @param interval heartbeat interval
	 * @param timeout heartbeat timeout
	 * @return the copy
	 */
	public RedisTransportOptions withHeartbeat(Duration interval, Duration timeout) {
		return new RedisTransportOptions(this.mode, this.prefix, this.servesClients, interval, timeout,
				this.requestRetention, this.maxPendingBytes);
	}

	/**
	 * A copy with another bound of pending bytes.
	 * @param maxPendingBytes the bound
	 * @return the copy
	 */
	public RedisTransportOptions withMaxPendingBytes(long maxPendingBytes) {
		return new RedisTransportOptions(this.mode, this.prefix, this.servesClients, this.heartbeatInterval,
				this.heartbeatTimeout, this.requestRetention, maxPendingBytes);
	}

}

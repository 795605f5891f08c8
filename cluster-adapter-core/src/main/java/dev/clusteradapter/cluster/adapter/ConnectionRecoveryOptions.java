package dev.clusteradapter.cluster.adapter;

import java.time.Duration;
import java.util.Objects;

/**
 * Socket.IO's connection state recovery ({@code connectionStateRecovery} of the Node
 * server) and the caps that bound its memory on each node.
 *
 * @param maxDisconnectionDuration how long a disconnected session can be restored
 * @param skipMiddlewares whether a restored client skips the namespaces' auth listeners
 * @param maxMissedEvents most events one session may have missed and still be restored; one
 * that missed more starts fresh rather than receive a gap
 * @param maxLoggedEvents most recoverable broadcasts a node keeps, all namespaces together
 * @param maxSessions most disconnected sessions a node keeps; the oldest goes first
 */
public record ConnectionRecoveryOptions(Duration maxDisconnectionDuration, boolean skipMiddlewares,
		int maxMissedEvents, int maxLoggedEvents, int maxSessions) {

	/** Default of {@link #maxDisconnectionDuration()}: 2 minutes, as Socket.IO's. */
	public static final Duration DEFAULT_MAX_DISCONNECTION_DURATION = Duration.ofMinutes(2);

	/** Default of {@link #maxMissedEvents()}. */
	public static final int DEFAULT_MAX_MISSED_EVENTS = 1000;

	/** Default of {@link #maxLoggedEvents()}. */
	public static final int DEFAULT_MAX_LOGGED_EVENTS = 10_000;

	/** Default of {@link #maxSessions()}. */
	public static final int DEFAULT_MAX_SESSIONS = 10_000;

	public ConnectionRecoveryOptions {
		Objects.requireNonNull(maxDisconnectionDuration, "maxDisconnectionDuration");
		if (maxDisconnectionDuration.isNegative() || maxDisconnectionDuration.isZero()) {
			throw new IllegalArgumentException("maxDisconnectionDuration must be positive: " + maxDisconnectionDuration);
		}
		positive("maxMissedEvents", maxMissedEvents);
		positive("maxLoggedEvents", maxLoggedEvents);
		positive("maxSessions", maxSessions);
	}

	/**
	 * The defaults, as Socket.IO's (2 minutes, middlewares skipped), with the default caps.
	 * @return the options
	 */
	public static ConnectionRecoveryOptions defaults() {
		return new ConnectionRecoveryOptions(DEFAULT_MAX_DISCONNECTION_DURATION, true, DEFAULT_MAX_MISSED_EVENTS,
				DEFAULT_MAX_LOGGED_EVENTS, DEFAULT_MAX_SESSIONS);
	}

	private static void positive(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be positive: " + value);
		}
	}

}

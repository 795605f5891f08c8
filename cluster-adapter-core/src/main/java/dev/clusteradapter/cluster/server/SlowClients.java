package dev.clusteradapter.cluster.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's outbound limit per client, and what becomes of a client cut off because it
 * did not read what it was sent: one warning line, and the {@link SlowClientMetrics} hook.
 * Each connection and each session is cut off once, so each client is logged once.
 */
final class SlowClients {

	private static final Logger logger = LoggerFactory.getLogger(SlowClients.class);

	private volatile long limit = ClusteredSocketIOServer.DEFAULT_MAX_OUTBOUND_BUFFER;

	private volatile SlowClientMetrics metrics = SlowClientMetrics.NONE;

	/**
	 * The most bytes that may wait for one client.
	 * @return the limit
	 */
	long limit() {
		return this.limit;
	}

	void setLimit(long limit) {
		this.limit = limit;
	}

	void setMetrics(SlowClientMetrics metrics) {
		this.metrics = (metrics != null) ? metrics : SlowClientMetrics.NONE;
	}

	/**
	 * A client was cut off.
	 * @param who its session id, or its address when its session is unknown
	 * @param reason why
	 * @param waiting the bytes that waited for it, now dropped
	 */
	void cutOff(Object who, SlowClientReason reason, long waiting) {
		if (reason == SlowClientReason.OUTBOUND_LIMIT) {
			logger.warn("Disconnected client {}: it does not read what it is sent, and {} bytes waited for it, "
					+ "over the limit of {} bytes", who, waiting, this.limit);
		}
		else {
			logger.warn("Closed the connection of client {}: its session ended, and {} bytes still waited for it",
					who, waiting);
		}
		this.metrics.slowClient(reason);
	}

}

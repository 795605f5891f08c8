package dev.clusteradapter.cluster.redis;

/**
 * Hook for meters of a {@link RedisTransport}. Called on Lettuce's threads: implementations
 * must be fast and thread-safe.
 */
public interface RedisMetrics {

	/** A hook that records nothing. */
	RedisMetrics NONE = new RedisMetrics() {
	};

	/**
	 * A frame was published or received.
	 * @param direction {@code "in"} or {@code "out"}
	 * @param type what it carried ({@code broadcast}, {@code fetch_sockets}, {@code heartbeat} …)
	 * @param bytes its payload size
	 */
	default void message(String direction, String type, int bytes) {
	}

	/** A frame could not be read; it was dropped. */
	default void malformed() {
	}

	/**
	 * A frame was not published: the link was down, or too many bytes were waiting for Redis.
	 * @param type what it carried
	 */
	default void dropped(String type) {
	}

	/** A connection to Redis was established again after it had been lost. */
	default void reconnected() {
	}

}

package dev.clusteradapter.cluster.autoconfigure.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.clusteradapter.cluster.redis.RedisMetrics;

/**
 * Counts the Redis transport's traffic: {@code socketio.cluster.redis.messages} and
 * {@code socketio.cluster.redis.bytes} tagged {@code direction} (in, out) and {@code type}
 * (broadcast, fetch_sockets, heartbeat …), frames that could not be read
 * ({@code socketio.cluster.redis.malformed}), frames not published
 * ({@code socketio.cluster.redis.dropped}, by {@code type}) and reconnections
 * ({@code socketio.cluster.redis.reconnects}). Frames seen before the registry is bound are
 * not counted.
 */
public class RedisMeters implements RedisMetrics, MeterBinder {

	static final String MESSAGES = "socketio.cluster.redis.messages";

	static final String BYTES = "socketio.cluster.redis.bytes";

	static final String MALFORMED = "socketio.cluster.redis.malformed";

	static final String DROPPED = "socketio.cluster.redis.dropped";

	static final String RECONNECTS = "socketio.cluster.redis.reconnects";

	private volatile MeterRegistry registry;

	private volatile Counter malformed;

	private volatile Counter reconnects;

	/** (direction, type) → {messages, bytes}. */
	private final Map<String, Counter[]> traffic = new ConcurrentHashMap<>();

	private final Map<String, Counter> dropped = new ConcurrentHashMap<>();

	@Override
	public void bindTo(MeterRegistry registry) {
		this.malformed = Counter.builder(MALFORMED)
			.description("Frames on the Redis channels that could not be read, dropped")
			.register(registry);
		this.reconnects = Counter.builder(RECONNECTS)
			.description("Times a connection to Redis came back after it was lost")
			.register(registry);
		this.registry = registry;
	}

	@Override
	public void message(String direction, String type, int bytes) {
		MeterRegistry current = this.registry;
		if (current == null) {
			return;
		}
		Counter[] counters = this.traffic.computeIfAbsent(direction + '|' + type, (key) -> new Counter[] {
				Counter.builder(MESSAGES).description("Frames published to or received from Redis")
					.tag("direction", direction).tag("type", type).register(current),
				Counter.builder(BYTES).description("Payload bytes published to or received from Redis").baseUnit("bytes")
					.tag("direction", direction).tag("type", type).register(current) });
		counters[0].increment();
		counters[1].increment(bytes);
	}

	@Override
	public void malformed() {
		Counter counter = this.malformed;
		if (counter != null) {
			counter.increment();
		}
	}

	@Override
	public void dropped(String type) {
		MeterRegistry current = this.registry;
		if (current != null) {
			this.dropped.computeIfAbsent(type, (key) -> Counter.builder(DROPPED)
				.description("Frames not published: Redis link down, or too many bytes waiting")
				.tag("type", key)
				.register(current)).increment();
		}
	}

	@Override
	public void reconnected() {
		Counter counter = this.reconnects;
		if (counter != null) {
			counter.increment();
		}
	}

}

package dev.clusteradapter.cluster.autoconfigure.metrics;

import java.util.Locale;

import dev.clusteradapter.cluster.server.SlowClientMetrics;
import dev.clusteradapter.cluster.server.SlowClientReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Counts the clients a worker cut off because they did not read what they were sent, as
 * {@code socketio.server.slow.clients}, tagged {@code reason}: {@code outbound_limit} (more
 * than {@code socketio.server.max-outbound-buffer} waited for it) or {@code close_timeout}
 * (its session had ended, and its connection still held unsent bytes).
 */
public class SlowClientMeters implements SlowClientMetrics, MeterBinder {

	static final String SLOW_CLIENTS = "socketio.server.slow.clients";

	private static final SlowClientReason[] REASONS = SlowClientReason.values();

	private volatile MeterSlots<Counter> counters;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.counters = new MeterSlots<>(REASONS.length, (slot) -> Counter.builder(SLOW_CLIENTS)
			.description("Clients cut off because they did not read what they were sent")
			.tag("reason", REASONS[slot].name().toLowerCase(Locale.ROOT))
			.register(registry));
	}

	@Override
	public void slowClient(SlowClientReason reason) {
		MeterSlots<Counter> current = this.counters;
		if (current != null) {
			current.get(reason.ordinal()).increment();
		}
	}

}

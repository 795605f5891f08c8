package dev.clusteradapter.cluster.autoconfigure.metrics;

import java.time.Duration;

import dev.clusteradapter.cluster.adapter.AdapterMetrics;
import dev.clusteradapter.cluster.adapter.RequestOutcome;
import dev.clusteradapter.cluster.adapter.RequestType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Times the adapter's inter-node requests as {@code socketio.cluster.requests}, tagged
 * {@code type} and {@code outcome}. Requests settled before the registry is bound are not
 * counted.
 */
public class AdapterMeters implements AdapterMetrics, MeterBinder {

	static final String REQUESTS = "socketio.cluster.requests";

	private static final RequestType[] TYPES = RequestType.values();

	private static final RequestOutcome[] OUTCOMES = RequestOutcome.values();

	private volatile MeterSlots<Timer> requests;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.requests = new MeterSlots<>(TYPES.length * OUTCOMES.length, (slot) -> Timer.builder(REQUESTS)
			.description("Inter-node requests of the cluster adapter, from sending to settling")
			.tag("type", TYPES[slot / OUTCOMES.length].tag())
			.tag("outcome", OUTCOMES[slot % OUTCOMES.length].tag())
			.register(registry));
	}

	@Override
	public void requestCompleted(RequestType type, RequestOutcome outcome, Duration duration) {
		MeterSlots<Timer> current = this.requests;
		if (current != null) {
			current.get(type.ordinal() * OUTCOMES.length + outcome.ordinal()).record(duration);
		}
	}

}

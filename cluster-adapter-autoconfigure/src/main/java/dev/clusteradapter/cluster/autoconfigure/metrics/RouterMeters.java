package dev.clusteradapter.cluster.autoconfigure.metrics;

import java.util.Locale;

import dev.clusteradapter.cluster.sticky.RouterMetrics;
import dev.clusteradapter.cluster.sticky.RoutingOutcome;
import dev.clusteradapter.cluster.sticky.StickyMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Counts the sticky router's decisions as {@code socketio.cluster.sticky.decisions}
 * (tagged {@code mode} and {@code outcome}, one per connection) and the requests it routed
 * as {@code socketio.cluster.sticky.routed} (tagged {@code assignment}: the session's owner,
 * or a worker picked by load balancing).
 */
public class RouterMeters implements RouterMetrics, MeterBinder {

	static final String DECISIONS = "socketio.cluster.sticky.decisions";

	static final String ROUTED = "socketio.cluster.sticky.routed";

	private static final StickyMode[] MODES = StickyMode.values();

	private static final RoutingOutcome[] OUTCOMES = RoutingOutcome.values();

	private static final String[] ASSIGNMENTS = { "load_balanced", "session_owner" };

	private volatile MeterSlots<Counter> decisions;

	private volatile MeterSlots<Counter> routed;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.decisions = new MeterSlots<>(MODES.length * OUTCOMES.length, (slot) -> Counter.builder(DECISIONS)
			.description("Connections the sticky router dealt with, by what it did with their first request")
			.tag("mode", tag(MODES[slot / OUTCOMES.length]))
			.tag("outcome", tag(OUTCOMES[slot % OUTCOMES.length]))
			.register(registry));
		this.routed = new MeterSlots<>(ASSIGNMENTS.length, (slot) -> Counter.builder(ROUTED)
			.description("Requests the sticky router sent to a worker")
			.tag("assignment", ASSIGNMENTS[slot])
			.register(registry));
	}

	@Override
	public void routed(int workerId, boolean sessionOwner) {
		MeterSlots<Counter> current = this.routed;
		if (current != null) {
			current.get(sessionOwner ? 1 : 0).increment();
		}
	}

	@Override
	public void decision(StickyMode mode, RoutingOutcome outcome) {
		MeterSlots<Counter> current = this.decisions;
		if (current != null) {
			current.get(mode.ordinal() * OUTCOMES.length + outcome.ordinal()).increment();
		}
	}

	private static String tag(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}

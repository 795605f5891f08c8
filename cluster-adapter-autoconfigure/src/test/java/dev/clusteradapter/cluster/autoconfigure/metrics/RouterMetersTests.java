package dev.clusteradapter.cluster.autoconfigure.metrics;

import dev.clusteradapter.cluster.sticky.RoutingOutcome;
import dev.clusteradapter.cluster.sticky.StickyMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RouterMeters}.
 */
class RouterMetersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final RouterMeters meters = new RouterMeters();

	@Test
	void countsDecisionsByModeAndOutcome() {
		this.meters.bindTo(this.registry);
		this.meters.decision(StickyMode.HANDOVER, RoutingOutcome.HANDED_OVER);
		this.meters.decision(StickyMode.HANDOVER, RoutingOutcome.HANDED_OVER);
		this.meters.decision(StickyMode.RELAY, RoutingOutcome.REJECTED_503);
		this.meters.decision(StickyMode.RELAY, RoutingOutcome.HEADER_TOO_LARGE);
		assertThat(count("handover", "handed_over")).isEqualTo(2);
		assertThat(count("relay", "rejected_503")).isEqualTo(1);
		assertThat(count("relay", "header_too_large")).isEqualTo(1);
		assertThat(this.registry.find("socketio.cluster.sticky.decisions").counters()).hasSize(3);
	}

	@Test
	void countsRoutedRequestsBySessionOwnership() {
		this.meters.bindTo(this.registry);
		this.meters.routed(1, false);
		this.meters.routed(2, true);
		this.meters.routed(1, true);
		assertThat(this.registry.get("socketio.cluster.sticky.routed").tag("assignment", "session_owner").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.get("socketio.cluster.sticky.routed").tag("assignment", "load_balanced").counter().count())
			.isEqualTo(1);
	}

	@Test
	void decisionsBeforeBindingAreIgnored() {
		this.meters.decision(StickyMode.RELAY, RoutingOutcome.TIMEOUT);
		this.meters.routed(1, true);
		this.meters.bindTo(this.registry);
		assertThat(this.registry.getMeters()).isEmpty();
	}

	private double count(String mode, String outcome) {
		return this.registry.get("socketio.cluster.sticky.decisions").tags("mode", mode, "outcome", outcome).counter().count();
	}

}

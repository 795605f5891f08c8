package dev.clusteradapter.cluster.autoconfigure.metrics;

import dev.clusteradapter.cluster.server.SlowClientReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SlowClientMeters}.
 */
class SlowClientMetersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final SlowClientMeters meters = new SlowClientMeters();

	@Test
	void countsSlowClientsByReason() {
		this.meters.bindTo(this.registry);
		this.meters.slowClient(SlowClientReason.OUTBOUND_LIMIT);
		this.meters.slowClient(SlowClientReason.OUTBOUND_LIMIT);
		this.meters.slowClient(SlowClientReason.CLOSE_TIMEOUT);
		assertThat(count("outbound_limit")).isEqualTo(2);
		assertThat(count("close_timeout")).isEqualTo(1);
	}

	@Test
	void reasonsAppearOnFirstUse() {
		this.meters.bindTo(this.registry);
		this.meters.slowClient(SlowClientReason.CLOSE_TIMEOUT);
		assertThat(this.registry.find("socketio.server.slow.clients").counters()).hasSize(1);
	}

	@Test
	void slowClientsBeforeBindingAreIgnored() {
		this.meters.slowClient(SlowClientReason.OUTBOUND_LIMIT);
		this.meters.bindTo(this.registry);
		assertThat(this.registry.getMeters()).isEmpty();
	}

	private double count(String reason) {
		return this.registry.get("socketio.server.slow.clients").tag("reason", reason).counter().count();
	}

}

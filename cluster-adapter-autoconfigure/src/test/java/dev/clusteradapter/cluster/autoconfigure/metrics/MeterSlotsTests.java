package dev.clusteradapter.cluster.autoconfigure.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MeterSlots}.
 */
class MeterSlotsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void registersEachSlotOnceOnFirstUse() {
		AtomicInteger registrations = new AtomicInteger();
		MeterSlots<Counter> slots = new MeterSlots<>(3, (slot) -> {
			registrations.incrementAndGet();
			return this.registry.counter("slots", "slot", Integer.toString(slot));
		});
		assertThat(this.registry.getMeters()).isEmpty();
		assertThat(slots.get(1)).isSameAs(slots.get(1));
		slots.get(2).increment();
		assertThat(registrations).hasValue(2);
		assertThat(this.registry.get("slots").tag("slot", "2").counter().count()).isEqualTo(1);
		assertThat(this.registry.find("slots").counters()).hasSize(2);
	}

}

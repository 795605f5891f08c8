package dev.clusteradapter.cluster.autoconfigure.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.clusteradapter.cluster.adapter.RequestOutcome;
import dev.clusteradapter.cluster.adapter.RequestType;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AdapterMeters}.
 */
class AdapterMetersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final AdapterMeters meters = new AdapterMeters();

	@Test
	void timesRequestsByTypeAndOutcome() {
		this.meters.bindTo(this.registry);
		this.meters.requestCompleted(RequestType.FETCH_SOCKETS, RequestOutcome.SUCCESS, Duration.ofMillis(3));
		this.meters.requestCompleted(RequestType.FETCH_SOCKETS, RequestOutcome.SUCCESS, Duration.ofMillis(5));
		this.meters.requestCompleted(RequestType.BROADCAST_ACK, RequestOutcome.TIMEOUT, Duration.ofMillis(300));
		Timer fetches = this.registry.get("socketio.cluster.requests")
			.tags("type", "fetch_sockets", "outcome", "success")
			.timer();
		assertThat(fetches.count()).isEqualTo(2);
		assertThat(fetches.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(8);
		Timer timeouts = this.registry.get("socketio.cluster.requests")
			.tags("type", "broadcast_ack", "outcome", "timeout")
			.timer();
		assertThat(timeouts.count()).isEqualTo(1);
		assertThat(this.registry.find("socketio.cluster.requests").timers()).hasSize(2);
	}

	@Test
	void everyTypeAndOutcomeHasItsOwnTimer() {
		this.meters.bindTo(this.registry);
		for (RequestType type : RequestType.values()) {
			for (RequestOutcome outcome : RequestOutcome.values()) {
				this.meters.requestCompleted(type, outcome, Duration.ofMillis(1));
			}
		}
		assertThat(this.registry.find("socketio.cluster.requests").timers())
			.hasSize(RequestType.values().length * RequestOutcome.values().length)
			.allSatisfy((timer) -> assertThat(timer.count()).isEqualTo(1));
	}

	@Test
	void requestsBeforeBindingAreIgnored() {
		this.meters.requestCompleted(RequestType.SERVER_SIDE_EMIT, RequestOutcome.ERROR, Duration.ofMillis(1));
		this.meters.bindTo(this.registry);
		assertThat(this.registry.find("socketio.cluster.requests").timers()).isEmpty();
	}

}

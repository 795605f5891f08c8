package dev.clusteradapter.cluster.adapter;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every request times out at its own deadline, whatever the order of registration, and one
 * answered in time never does; settled requests are forgotten.
 */
class PendingRequestsTests {

	private final AtomicLong ids = new AtomicLong();

	private final PendingRequests pending = new PendingRequests(AdapterMetrics.NONE, this.ids::incrementAndGet);

	@AfterEach
	void close() {
		this.pending.close();
	}

	@Test
	void aLaterRequestWithAnEarlierDeadlineTimesOutAtItsOwnAndTheOthersAtTheirs() throws Exception {
		long start = System.nanoTime();
		Probe slow = this.pending.register(Probe::new, Duration.ofSeconds(3));
		Probe answered = this.pending.register(Probe::new, Duration.ofMillis(300));
		Probe fast = this.pending.register(Probe::new, Duration.ofMillis(300));
		answered.settle("answer", RequestOutcome.SUCCESS);
		assertThat(fast.future().get(2, TimeUnit.SECONDS)).isEqualTo("timed out");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300), Duration.ofMillis(2000));
		assertThat(slow.future()).isNotDone();
		assertThat(answered.future().get()).isEqualTo("answer");
		assertThat(slow.future().get(10, TimeUnit.SECONDS)).isEqualTo("timed out");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
		await().until(() -> this.pending.size() == 0);
	}

	@Test
	void requestsRegisteredWhileOthersTimeOutAreTimedOutToo() throws Exception {
		for (int round = 0; round < 5; round++) {
			Probe first = this.pending.register(Probe::new, Duration.ofMillis(50));
			Probe second = this.pending.register(Probe::new, Duration.ofMillis(120));
			assertThat(first.future().get(5, TimeUnit.SECONDS)).isEqualTo("timed out");
			Probe third = this.pending.register(Probe::new, Duration.ofMillis(10));
			assertThat(third.future().get(5, TimeUnit.SECONDS)).isEqualTo("timed out");
			assertThat(second.future().get(5, TimeUnit.SECONDS)).isEqualTo("timed out");
		}
		await().until(() -> this.pending.size() == 0);
	}

	/** A request that only times out, or is settled by the test. */
	private static final class Probe extends PendingRequest<String> {

		Probe(long id) {
			super(id, RequestType.SERVER_SIDE_EMIT);
		}

		@Override
		void peerLeft(int node) {
		}

		@Override
		void timedOut() {
			settle("timed out", RequestOutcome.TIMEOUT);
		}

	}

}

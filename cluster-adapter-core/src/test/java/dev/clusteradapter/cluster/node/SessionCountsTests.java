package dev.clusteradapter.cluster.node;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionCounts}.
 */
class SessionCountsTests {

	private static final long SECOND = 1_000_000_000L;

	private final SessionCounts counts = new SessionCounts();

	@Test
	void routedSessionCountsAtOnceAndOnlyOnceWhenReportedOpen() {
		this.counts.routed(1, 0);
		this.counts.routed(1, 0);
		assertThat(this.counts.sessions(1, 0)).isEqualTo(2);
		// the worker opened one of them: one open, one still pending
		this.counts.reported(1, new SessionReport(1, 1));
		assertThat(this.counts.sessions(1, 0)).isEqualTo(2);
		this.counts.reported(1, new SessionReport(2, 2));
		assertThat(this.counts.sessions(1, 0)).isEqualTo(2);
		assertThat(this.counts.sessions(2, 0)).isZero();
	}

	@Test
	void closedSessionsStopCountingWithTheReport() {
		this.counts.reported(1, new SessionReport(10, 10));
		this.counts.routed(1, 0);
		this.counts.reported(1, new SessionReport(0, 10));
		assertThat(this.counts.sessions(1, 0)).isOne();
	}

	@Test
	void sessionThatNeverOpensStopsCountingAfterTheTimeout() {
		this.counts.routed(1, 0);
		this.counts.routed(1, 5 * SECOND);
		assertThat(this.counts.sessions(1, SessionCounts.PENDING_TIMEOUT_NANOS + 1)).isOne();
		assertThat(this.counts.sessions(1, 20 * SECOND)).isZero();
	}

	@Test
	void reportedOpeningsBeyondThePendingOnesAreTheWorkersOwn() {
		this.counts.routed(1, 0);
		this.counts.reported(1, new SessionReport(3, 3));
		this.counts.routed(1, 0);
		assertThat(this.counts.sessions(1, 0)).isEqualTo(4);
	}

	@Test
	void forgottenWorkerCountsFromZero() {
		this.counts.reported(1, new SessionReport(5, 5));
		this.counts.routed(1, 0);
		this.counts.forget(1);
		assertThat(this.counts.sessions(1, 0)).isZero();
		this.counts.reported(1, new SessionReport(1, 1));
		assertThat(this.counts.sessions(1, 0)).isOne();
	}

}

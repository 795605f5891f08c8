package dev.clusteradapter.benchmarks.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The outage figures from what two peers' clients received: one broadcast every 10 ms,
 * alternately sent to peer 0 and peer 1; clients 0 and 1 on peer 0, client 2 on peer 1.
 */
class OutageLogTests {

	private static final long MS = 1_000_000;

	private static final long T0 = 1_000 * MS;

	private final OutageLog log = new OutageLog(100, new int[] { 0, 0, 1 });

	@Test
	void lossWindowSpansTheFirstToTheLastBroadcastMissedAcrossHostsAndLocalLossesCountApart() {
		this.log.killed(T0 + 25 * MS);
		this.log.restarted(T0 + 55 * MS);
		for (int seq = 0; seq < 10; seq++) {
			long sent = T0 + seq * 10 * MS;
			this.log.sent(seq, seq % 2, sent);
			for (int receiver = 0; receiver < 3; receiver++) {
				boolean cross = (receiver == 2) != (seq % 2 == 1);
				// broadcasts 3 to 6 never cross; broadcast 8 misses its local client 1
				if ((cross && seq >= 3 && seq <= 6) || (seq == 8 && receiver == 1)) {
					continue;
				}
				this.log.received(receiver, seq, sent + 2 * MS);
			}
		}
		OutageLog.Figures figures = this.log.figures(10);
		assertThat(figures.downMillis()).isCloseTo(30, within(1e-9));
		assertThat(figures.missedBroadcasts()).isEqualTo(4);
		// 3 and 5 (sent to peer 1) miss peer 0's two clients, 4 and 6 peer 1's one
		assertThat(figures.lostCrossHost()).isEqualTo(6);
		assertThat(figures.lostLocal()).isEqualTo(1);
		assertThat(figures.lossWindowMillis()).isCloseTo(30, within(1e-9));
		assertThat(figures.firstLossAfterKillMillis()).isCloseTo(5, within(1e-9));
		assertThat(figures.lastLossAfterRestartMillis()).isCloseTo(5, within(1e-9));
		// broadcast 7, sent 15 ms after the restart, crossed 2 ms later
		assertThat(figures.flowingAfterRestartMillis()).isCloseTo(17, within(1e-9));
	}

	@Test
	void deliveriesOfBroadcastsSentBeforeTheRestartDoNotCountAsFlowingAgain() {
		this.log.killed(T0);
		this.log.sent(0, 0, T0 + 10 * MS);
		this.log.restarted(T0 + 20 * MS);
		// a broadcast sent during the outage, delivered late (queued somewhere), is no sign of recovery
		this.log.received(2, 0, T0 + 30 * MS);
		assertThat(this.log.crossHostFlowing()).isFalse();
		assertThat(this.log.figures(1).flowingAfterRestartMillis()).isNaN();
		this.log.sent(1, 1, T0 + 40 * MS);
		this.log.received(0, 1, T0 + 45 * MS);
		assertThat(this.log.crossHostFlowing()).isTrue();
		assertThat(this.log.figures(2).flowingAfterRestartMillis()).isCloseTo(25, within(1e-9));
	}

	@Test
	void withNothingLostTheWindowIsEmpty() {
		this.log.killed(T0);
		this.log.restarted(T0 + 10 * MS);
		this.log.sent(0, 1, T0 + 20 * MS);
		for (int receiver = 0; receiver < 3; receiver++) {
			this.log.received(receiver, 0, T0 + 21 * MS);
		}
		// numbers the log never sent are someone else's broadcasts: ignored
		this.log.received(0, 57, T0 + 22 * MS);
		this.log.received(0, -1, T0 + 22 * MS);
		OutageLog.Figures figures = this.log.figures(1);
		assertThat(figures.lostCrossHost()).isZero();
		assertThat(figures.lostLocal()).isZero();
		assertThat(figures.lossWindowMillis()).isZero();
		assertThat(figures.lastLossAfterRestartMillis()).isNaN();
		assertThat(figures.flowingAfterRestartMillis()).isCloseTo(11, within(1e-9));
	}

}

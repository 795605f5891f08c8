package dev.clusteradapter.cluster.adapter;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AckCollection}.
 */
class AckCollectionTests {

	@Test
	void settlesWhenEveryNodeCountedAndEveryAckArrived() {
		AckCollection acks = new AckCollection(1, Set.of(1, 2));
		acks.clientCount(1, 1);
		acks.ack(1, "a", false);
		assertThat(acks.future()).isNotDone();
		acks.clientCount(2, 1);
		assertThat(acks.future()).isNotDone();
		acks.ack(2, "b", false);
		assertThat(acks.future().join().responses()).containsExactly("a", "b");
		assertThat(acks.future().join().timedOut()).isFalse();
		assertThat(acks.outcome()).isEqualTo(RequestOutcome.SUCCESS);
	}

	@Test
	void ackOvertakingItsCountIsKept() {
		AckCollection acks = new AckCollection(1, Set.of(2));
		acks.ack(2, "early", false);
		acks.clientCount(2, 1);
		assertThat(acks.future().join().responses()).containsExactly("early");
	}

	@Test
	void nodesWithoutClientsSettleAtOnce() {
		AckCollection acks = new AckCollection(1, Set.of(1, 2));
		acks.clientCount(1, 0);
		acks.clientCount(2, 0);
		assertThat(acks.future().join().responses()).isEmpty();
	}

	@Test
	void leftNodeSettlesWithTheOthersAnswers() {
		AckCollection acks = new AckCollection(1, Set.of(1, 2));
		acks.clientCount(1, 1);
		acks.ack(1, "a", false);
		acks.clientCount(2, 3);
		acks.peerLeft(2);
		assertThat(acks.future().join().responses()).containsExactly("a");
		assertThat(acks.future().join().timedOut()).isTrue();
		assertThat(acks.outcome()).isEqualTo(RequestOutcome.PARTIAL);
	}

	@Test
	void leftNodeThatAlreadyAnsweredEverythingChangesNothing() {
		AckCollection acks = new AckCollection(1, Set.of(1, 2));
		acks.clientCount(2, 1);
		acks.ack(2, "b", false);
		acks.peerLeft(2);
		assertThat(acks.future()).isNotDone();
		acks.clientCount(1, 0);
		assertThat(acks.future().join().timedOut()).isFalse();
	}

	@Test
	void timeoutKeepsThePartialAnswers() {
		AckCollection acks = new AckCollection(1, Set.of(1));
		acks.clientCount(1, 2);
		acks.ack(1, "a", false);
		acks.timedOut();
		assertThat(acks.future().join().responses()).containsExactly("a");
		assertThat(acks.future().join().timedOut()).isTrue();
		assertThat(acks.outcome()).isEqualTo(RequestOutcome.TIMEOUT);
	}

}

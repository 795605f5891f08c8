package dev.clusteradapter.cluster.adapter;

import java.util.ArrayList;
import java.util.List;
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

	@Test
	void observerHearsEachSocketThenTheSettlementOnce() {
		RecordingObserver observer = new RecordingObserver();
		AckCollection acks = new AckCollection(1, Set.of(1, 2), observer);
		acks.clients(1, 1, List.of("a"));
		acks.ack(1, "a", "yes", false);
		acks.clients(2, 2, List.of("b", "c"));
		acks.ack(2, "b", "yes too", false);
		assertThat(observer.events).containsExactly("answered 1/a yes", "answered 2/b yes too");
		acks.ack(2, "c", null, true);
		assertThat(observer.events).containsExactly("answered 1/a yes", "answered 2/b yes too", "missed 2/c",
				"settled false");
		acks.timedOut();
		assertThat(observer.events).hasSize(4);
	}

	@Test
	void everySocketOfALeftNodeIsMissedAtOnce() {
		RecordingObserver observer = new RecordingObserver();
		AckCollection acks = new AckCollection(1, Set.of(1, 2), observer);
		acks.clients(1, 1, List.of("a"));
		acks.ack(1, "a", "yes", false);
		acks.clients(2, 2, List.of("b", "c"));
		acks.ack(2, "b", "yes", false);
		acks.peerLeft(2);
		assertThat(observer.events).containsExactly("answered 1/a yes", "answered 2/b yes", "missed 2/c",
				"settled false");
	}

	@Test
	void timeoutMissesEverySocketNotAnswered() {
		RecordingObserver observer = new RecordingObserver();
		AckCollection acks = new AckCollection(1, Set.of(1, 2), observer);
		acks.clients(1, 2, List.of("a", "b"));
		acks.ack(1, "b", "yes", false);
		acks.timedOut();
		assertThat(observer.events).containsExactly("answered 1/b yes", "missed 1/a", "settled false");
	}

	@Test
	void answerOvertakingItsCountIsNotMissedLater() {
		RecordingObserver observer = new RecordingObserver();
		AckCollection acks = new AckCollection(1, Set.of(2), observer);
		acks.ack(2, "a", "early", false);
		acks.clients(2, 2, List.of("a", "b"));
		acks.timedOut();
		assertThat(observer.events).containsExactly("answered 2/a early", "missed 2/b", "settled false");
	}

	@Test
	void everyoneAnsweringSettlesSuccessfully() {
		RecordingObserver observer = new RecordingObserver();
		AckCollection acks = new AckCollection(1, Set.of(1), observer);
		acks.clients(1, 0, List.of());
		assertThat(observer.events).containsExactly("settled true");
	}

	private static final class RecordingObserver implements AckCollection.Observer {

		final List<String> events = new ArrayList<>();

		@Override
		public void answered(int node, String socketId, Object response) {
			this.events.add("answered " + node + "/" + socketId + " " + response);
		}

		@Override
		public void missed(int node, String socketId) {
			this.events.add("missed " + node + "/" + socketId);
		}

		@Override
		public void settled(boolean everyClientAnswered) {
			this.events.add("settled " + everyClientAnswered);
		}

	}

	@Test
	void unnamedPeersAreCountedTogether() {
		AckCollection acks = new AckCollection(1, Set.of(1, -1, -2));
		acks.clients(1, 1, List.of("s1"));
		acks.clients(AdapterTransport.UNNAMED, 2, List.of());
		acks.ack(AdapterTransport.UNNAMED, null, "a", false);
		acks.ack(1, "s1", "b", false);
		acks.clients(AdapterTransport.UNNAMED, 1, List.of());
		acks.ack(AdapterTransport.UNNAMED, null, "c", false);
		assertThat(acks.future()).isNotDone();
		acks.ack(AdapterTransport.UNNAMED, null, "d", false);
		AckResult result = acks.future().join();
		assertThat(result.responses()).containsExactlyInAnyOrder("a", "b", "c", "d");
		assertThat(result.timedOut()).isFalse();
	}

	@Test
	void unnamedAckBeforeAnyUnnamedCountIsKept() {
		AckCollection acks = new AckCollection(1, Set.of(-1));
		acks.ack(AdapterTransport.UNNAMED, null, "early", false);
		acks.clients(AdapterTransport.UNNAMED, 1, List.of());
		assertThat(acks.future().join().responses()).containsExactly("early");
	}

}

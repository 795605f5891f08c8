package dev.clusteradapter.cluster.adapter;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link NodeAnswers}.
 */
class NodeAnswersTests {

	private static NodeAnswers<Object, List<Object>> request(boolean partialOnTimeout, Integer... nodes) {
		return new NodeAnswers<>(1, RequestType.SERVER_SIDE_EMIT, Set.of(nodes), (answers) -> answers, partialOnTimeout);
	}

	@Test
	void settlesOnTheLastAnswer() {
		NodeAnswers<Object, List<Object>> request = request(true, 1, 2);
		request.addLocal(List.of("self"));
		request.answer(1, "one");
		assertThat(request.future()).isNotDone();
		request.answer(2, null);
		assertThat(request.future().join()).containsExactly("self", "one", null);
		assertThat(request.outcome()).isEqualTo(RequestOutcome.SUCCESS);
	}

	@Test
	void ignoresAnswersFromNodesNotAskedOrAskedTwice() {
		NodeAnswers<Object, List<Object>> request = request(true, 1, 2);
		request.answer(1, "one");
		request.answer(1, "again");
		request.answer(9, "stranger");
		assertThat(request.future()).isNotDone();
	}

	@Test
	void noNodeSettlesAtOnce() {
		NodeAnswers<Object, List<Object>> request = request(true);
		request.addLocal(List.of());
		assertThat(request.future().join()).isEmpty();
	}

	@Test
	void leftNodeSettlesWithTheSurvivors() {
		NodeAnswers<Object, List<Object>> request = request(true, 1, 2);
		request.answer(1, "one");
		request.peerLeft(2);
		assertThat(request.future().join()).containsExactly("one");
		assertThat(request.outcome()).isEqualTo(RequestOutcome.PARTIAL);
	}

	@Test
	void timeoutReturnsPartialAnswersOrFails() {
		NodeAnswers<Object, List<Object>> partial = request(true, 1, 2);
		partial.answer(1, "one");
		partial.timedOut();
		assertThat(partial.future().join()).containsExactly("one");
		NodeAnswers<Object, List<Object>> failing = request(false, 1);
		failing.timedOut();
		assertThatThrownBy(() -> failing.future().join()).isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(TimeoutException.class);
		assertThat(failing.outcome()).isEqualTo(RequestOutcome.TIMEOUT);
	}

	@Test
	void unnamedAnswersCountAgainstThePeersKnownOnlyByCount() {
		NodeAnswers<Object, List<Object>> request = request(true, 1, -1, -2);
		request.answer(AdapterTransport.UNNAMED, "node-a");
		request.answer(1, "one");
		assertThat(request.future()).isNotDone();
		request.answer(AdapterTransport.UNNAMED, "node-b");
		assertThat(request.future().join()).containsExactly("node-a", "one", "node-b");
		assertThat(request.outcome()).isEqualTo(RequestOutcome.SUCCESS);
	}

	@Test
	void unnamedAnswerBeyondTheCountIsIgnored() {
		NodeAnswers<Object, List<Object>> request = request(true, 1, -1);
		request.answer(AdapterTransport.UNNAMED, "node-a");
		request.answer(AdapterTransport.UNNAMED, "late");
		request.answer(1, "one");
		assertThat(request.future().join()).containsExactly("node-a", "one");
	}

	@Test
	void aPeerKnownOnlyByCountLeavingSettlesWithTheOthers() {
		NodeAnswers<Object, List<Object>> request = request(true, -1, -2);
		request.answer(AdapterTransport.UNNAMED, "node-a");
		request.peerLeft(-2);
		assertThat(request.future().join()).containsExactly("node-a");
		assertThat(request.outcome()).isEqualTo(RequestOutcome.PARTIAL);
	}

}

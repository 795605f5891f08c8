package dev.clusteradapter.cluster.adapter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A request's future refuses to be waited for on the thread that reads its answers, and so
 * does every stage derived from it; elsewhere, and once done, it is an ordinary future.
 */
class AnswerFutureTests {

	@Test
	void waitingOnTheReaderThreadFailsAtOnceForTheFutureAndItsDerivedStages() {
		Thread reader = Thread.currentThread();
		AnswerFuture<String> answers = new AnswerFuture<>(() -> Thread.currentThread() == reader);
		CompletableFuture<Integer> derived = answers.thenApply(String::length);
		assertThatIllegalStateException().isThrownBy(answers::join).withMessageContaining("compose the future");
		assertThatIllegalStateException().isThrownBy(answers::get);
		assertThatIllegalStateException().isThrownBy(() -> answers.get(1, TimeUnit.MINUTES));
		assertThatIllegalStateException().isThrownBy(derived::join);
		answers.complete("four");
		assertThat(answers.join()).isEqualTo("four");
		assertThat(derived.join()).isEqualTo(4);
	}

	@Test
	void anotherThreadWaitsForTheAnswers() throws Exception {
		Thread reader = Thread.currentThread();
		AnswerFuture<String> answers = new AnswerFuture<>(() -> Thread.currentThread() == reader);
		CompletableFuture<Integer> waited = CompletableFuture.supplyAsync(() -> answers.thenApply(String::length).join());
		answers.complete("three");
		assertThat(waited.get(10, TimeUnit.SECONDS)).isEqualTo(5);
	}

}

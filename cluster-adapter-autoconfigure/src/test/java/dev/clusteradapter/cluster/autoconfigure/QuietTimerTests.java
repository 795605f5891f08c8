package dev.clusteradapter.cluster.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Redis client's timer runs Lettuce's timeouts (handshakes, reconnection delays) when
 * due, never a cancelled one, and stops.
 */
class QuietTimerTests {

	private final QuietTimer timer = new QuietTimer("quiet-timer-test");

	@AfterEach
	void stop() {
		this.timer.stop();
	}

	@Test
	void aTimeoutRunsOnceWhenDueAndIsThenExpired() throws Exception {
		CountDownLatch ran = new CountDownLatch(1);
		long start = System.nanoTime();
		Timeout timeout = this.timer.newTimeout((self) -> ran.countDown(), 100, TimeUnit.MILLISECONDS);
		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
		await().until(timeout::isExpired);
		assertThat(timeout.cancel()).isFalse();
		assertThat(timeout.timer()).isSameAs(this.timer);
	}

	@Test
	void aCancelledTimeoutNeverRunsAndATaskThatThrowsStopsNoOther() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		Timeout cancelled = this.timer.newTimeout((self) -> runs.incrementAndGet(), 200, TimeUnit.MILLISECONDS);
		assertThat(cancelled.cancel()).isTrue();
		assertThat(cancelled.isCancelled()).isTrue();
		this.timer.newTimeout((self) -> {
			throw new IllegalStateException("boom");
		}, 10, TimeUnit.MILLISECONDS);
		CountDownLatch later = new CountDownLatch(1);
		this.timer.newTimeout((self) -> later.countDown(), 400, TimeUnit.MILLISECONDS);
		assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(runs).hasValue(0);
	}

	@Test
	void aStoppedTimerTakesNoMoreTimeouts() {
		this.timer.stop();
		assertThatThrownBy(() -> this.timer.newTimeout((self) -> {
		}, 1, TimeUnit.MILLISECONDS)).isInstanceOf(RuntimeException.class);
	}

}

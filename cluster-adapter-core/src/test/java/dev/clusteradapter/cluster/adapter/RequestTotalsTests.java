package dev.clusteradapter.cluster.adapter;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.clusteradapter.cluster.WorkerStatus.RequestTotal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RequestTotals}.
 */
class RequestTotalsTests {

	@Test
	void startsEmpty() {
		assertThat(new RequestTotals().snapshot()).isEmpty();
	}

	@Test
	void sumsCountAndTimePerTypeAndOutcome() {
		RequestTotals totals = new RequestTotals();
		totals.requestCompleted(RequestType.FETCH_SOCKETS, RequestOutcome.SUCCESS, Duration.ofMillis(3));
		totals.requestCompleted(RequestType.FETCH_SOCKETS, RequestOutcome.SUCCESS, Duration.ofMillis(4));
		totals.requestCompleted(RequestType.BROADCAST_ACK, RequestOutcome.TIMEOUT, Duration.ofMillis(300));
		assertThat(totals.snapshot()).containsOnlyKeys("fetch_sockets:success", "broadcast_ack:timeout")
			.containsEntry("fetch_sockets:success", new RequestTotal(2, Duration.ofMillis(7).toNanos()))
			.containsEntry("broadcast_ack:timeout", new RequestTotal(1, Duration.ofMillis(300).toNanos()));
	}

	@Test
	void keysUseTheMeterTags() {
		assertThat(RequestTotals.key(RequestType.DISCONNECT_SOCKETS, RequestOutcome.PARTIAL))
			.isEqualTo("disconnect_sockets:partial");
	}

	@Test
	void snapshotIsACopy() {
		RequestTotals totals = new RequestTotals();
		totals.requestCompleted(RequestType.SOCKETS_JOIN, RequestOutcome.ERROR, Duration.ofMillis(1));
		var before = totals.snapshot();
		totals.requestCompleted(RequestType.SOCKETS_JOIN, RequestOutcome.ERROR, Duration.ofMillis(1));
		assertThat(before.get("sockets_join:error").count()).isEqualTo(1);
		assertThat(totals.snapshot().get("sockets_join:error").count()).isEqualTo(2);
	}

	@Test
	void countsEveryRequestOfConcurrentThreads() throws InterruptedException {
		RequestTotals totals = new RequestTotals();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		for (int t = 0; t < 4; t++) {
			threads.execute(() -> {
				for (int i = 0; i < 10_000; i++) {
					totals.requestCompleted(RequestType.SERVER_SIDE_EMIT, RequestOutcome.SUCCESS, Duration.ofNanos(2));
				}
			});
		}
		threads.shutdown();
		assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		assertThat(totals.snapshot().get("server_side_emit:success")).isEqualTo(new RequestTotal(40_000, 80_000));
	}

	@Test
	void combinesWithAnotherHook() {
		RequestTotals first = new RequestTotals();
		RequestTotals second = new RequestTotals();
		first.andThen(second).requestCompleted(RequestType.SOCKETS_LEAVE, RequestOutcome.SUCCESS, Duration.ofMillis(1));
		assertThat(first.snapshot()).isEqualTo(second.snapshot()).containsOnlyKeys("sockets_leave:success");
	}

}

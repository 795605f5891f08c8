package dev.clusteradapter.cluster.supervisor;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RestartBackoff}.
 */
class RestartBackoffTests {

	@Test
	void defaultDoublesFromHalfASecondUpToTenSeconds() {
		RestartBackoff backoff = RestartBackoff.DEFAULT;
		assertThat(IntStream.rangeClosed(1, 8).mapToObj(backoff::delay).map(Duration::toMillis))
			.containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 10000L, 10000L, 10000L);
	}

	@Test
	void delayStaysBoundedForAnyNumberOfFailures() {
		assertThat(RestartBackoff.DEFAULT.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void thirtySecondsOfUptimeResetTheSeries() {
		assertThat(RestartBackoff.DEFAULT.resets(Duration.ofSeconds(29))).isFalse();
		assertThat(RestartBackoff.DEFAULT.resets(Duration.ofSeconds(30))).isTrue();
	}

	@Test
	void constantDelayWithMultiplierOne() {
		RestartBackoff backoff = new RestartBackoff(Duration.ofSeconds(1), 1, Duration.ofSeconds(5), Duration.ZERO);
		assertThat(backoff.delay(10)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void rejectsInconsistentSettings() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new RestartBackoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new RestartBackoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new RestartBackoff(Duration.ofSeconds(-1), 2, Duration.ofSeconds(1), Duration.ZERO));
	}

}

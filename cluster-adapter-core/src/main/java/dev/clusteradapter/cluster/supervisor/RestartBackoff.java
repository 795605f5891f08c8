package dev.clusteradapter.cluster.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off between restarts of a worker that keeps exiting: the first restart
 * waits {@code initial}, each following one {@code multiplier} times longer, never more
 * than {@code max}. A worker that stayed up for {@code resetAfter} counts as healthy again,
 * so its next restart waits {@code initial}.
 *
 * @param initial delay before the first restart
 * @param multiplier growth factor of the delay, at least 1
 * @param max upper bound of the delay
 * @param resetAfter uptime after which a worker's exit no longer counts as a repeated failure
 */
public record RestartBackoff(Duration initial, double multiplier, Duration max, Duration resetAfter) {

	/** 500 ms, doubling, at most 10 s, reset after 30 s of uptime. */
	public static final RestartBackoff DEFAULT = new RestartBackoff(Duration.ofMillis(500), 2,
			Duration.ofSeconds(10), Duration.ofSeconds(30));

	public RestartBackoff {
		Objects.requireNonNull(initial, "initial");
		Objects.requireNonNull(max, "max");
		Objects.requireNonNull(resetAfter, "resetAfter");
		if (initial.isNegative() || max.compareTo(initial) < 0 || resetAfter.isNegative()) {
			throw new IllegalArgumentException("Need 0 <= initial <= max and resetAfter >= 0");
		}
		if (!(multiplier >= 1)) {
			throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
		}
	}

	/**
	 * Delay before a restart.
	 * @param failures exits in a row of workers that did not stay up {@link #resetAfter()},
	 * this one included ({@code 1} for the first)
	 * @return the delay, between {@link #initial()} and {@link #max()}
	 */
	public Duration delay(int failures) {
		double factor = Math.pow(this.multiplier, Math.max(0, failures - 1));
		double millis = this.initial.toMillis() * factor;
		return (millis >= this.max.toMillis()) ? this.max : Duration.ofMillis((long) millis);
	}

	/**
	 * Whether an exit after this uptime starts a new series of failures.
	 * @param uptime how long the worker ran
	 * @return {@code true} when it stayed up long enough to count as healthy
	 */
	public boolean resets(Duration uptime) {
		return uptime.compareTo(this.resetAfter) >= 0;
	}

}

package dev.clusteradapter.benchmarks.client;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies counted in fixed buckets, so that millions of samples cost no memory and event
 * loops can record concurrently: 10 µs resolution below 10 ms, 1 ms below 1 s, 100 ms
 * below 60 s, then one overflow bucket.
 */
public final class LatencyHistogram {

	private static final int FINE = 1000;

	private static final int MEDIUM = 1000;

	private static final int COARSE = 600;

	private final AtomicLongArray counts = new AtomicLongArray(FINE + MEDIUM + COARSE + 1);

	/**
	 * Records one latency.
	 * @param nanos the latency in nanoseconds (negative counts as 0)
	 */
	public void record(long nanos) {
		long micros = Math.max(0, nanos / 1000);
		int bucket;
		if (micros < 10_000) {
			bucket = (int) (micros / 10);
		}
		else if (micros < 1_000_000) {
			bucket = FINE + (int) (micros / 1000);
		}
		else if (micros < 60_000_000) {
			bucket = FINE + MEDIUM + (int) (micros / 100_000);
		}
		else {
			bucket = FINE + MEDIUM + COARSE;
		}
		this.counts.incrementAndGet(bucket);
	}

	/**
	 * Adds another histogram's samples to this one.
	 * @param other the other histogram
	 */
	public void add(LatencyHistogram other) {
		for (int i = 0; i < this.counts.length(); i++) {
			this.counts.addAndGet(i, other.counts.get(i));
		}
	}

	/**
	 * Number of samples.
	 * @return the count
	 */
	public long count() {
		long total = 0;
		for (int i = 0; i < this.counts.length(); i++) {
			total += this.counts.get(i);
		}
		return total;
	}

	/**
	 * A percentile, as the middle of its bucket.
	 * @param fraction between 0 and 1 (0.99 for p99)
	 * @return milliseconds, NaN without samples
	 */
	public double percentileMillis(double fraction) {
		long total = count();
		if (total == 0) {
			return Double.NaN;
		}
		long rank = Math.max(1, (long) Math.ceil(fraction * total));
		long seen = 0;
		for (int i = 0; i < this.counts.length(); i++) {
			seen += this.counts.get(i);
			if (seen >= rank) {
				return middleMillis(i);
			}
		}
		return middleMillis(this.counts.length() - 1);
	}

	private static double middleMillis(int bucket) {
		if (bucket < FINE) {
			return (bucket * 10 + 5) / 1000.0;
		}
		if (bucket < FINE + MEDIUM) {
			return (bucket - FINE) + 0.5;
		}
		if (bucket < FINE + MEDIUM + COARSE) {
			return (bucket - FINE - MEDIUM) * 100 + 50;
		}
		return 60_000;
	}

}

package dev.clusteradapter.benchmarks.scenario;

import java.util.concurrent.locks.LockSupport;

/**
 * Send timestamps that travel inside payloads (microseconds since this JVM's origin: the
 * same JVM sends and receives, so the monotonic clock is enough), and pacing at a rate.
 */
final class Clock {

	private static final long ORIGIN = System.nanoTime() - 1_000_000;

	private Clock() {
	}

	static long nowMicros() {
		return (System.nanoTime() - ORIGIN) / 1000;
	}

	static long latencyNanos(long sentMicros, long receivedNanos) {
		return receivedNanos - ORIGIN - sentMicros * 1000;
	}

	/** Calls {@code send} with 0..total-1 at {@code rate} per second, catching up after a late wake-up. */
	static void pace(long total, double rate, java.util.function.LongConsumer send) {
		pace(total, rate, send, () -> false);
	}

	/**
	 * As {@link #pace(long, double, java.util.function.LongConsumer)}, ending early once
	 * {@code stop} says so.
	 * @return how many were sent
	 */
	static long pace(long total, double rate, java.util.function.LongConsumer send,
			java.util.function.BooleanSupplier stop) {
		long start = System.nanoTime();
		double interval = 1e9 / rate;
		long park = (long) Math.min(interval / 2, 1_000_000);
		long sent = 0;
		while (sent < total && !stop.getAsBoolean()) {
			long due = Math.min(total, (long) ((System.nanoTime() - start) / interval) + 1);
			while (sent < due) {
				send.accept(sent++);
			}
			if (sent < total) {
				LockSupport.parkNanos(park);
			}
		}
		return sent;
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

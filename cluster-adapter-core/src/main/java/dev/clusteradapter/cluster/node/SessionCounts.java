package dev.clusteradapter.cluster.node;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The primary's count of each worker's sessions, for least-connection balancing, kept up
 * to date between heartbeats as {@code @socket.io/sticky} does: a new session the router
 * sends to a worker counts at once, as pending; the worker's reports
 * ({@link SessionReport}) give its open sessions and, through the number it ever opened,
 * how many pending ones it has opened since, which then stop counting twice. A pending
 * session that never opens (the client went away before connecting) stops counting after
 * {@link #PENDING_TIMEOUT_NANOS}.
 * <p>
 * Thread-safe.
 */
final class SessionCounts {

	/** How long a routed session counts before its worker reports it open. */
	static final long PENDING_TIMEOUT_NANOS = 10_000_000_000L;

	private final Map<Integer, Count> counts = new HashMap<>();

	/**
	 * A new session was routed to a worker.
	 * @param workerId the worker
	 * @param now {@link System#nanoTime()}
	 */
	synchronized void routed(int workerId, long now) {
		this.counts.computeIfAbsent(workerId, (id) -> new Count()).pending.addLast(now);
	}

	/**
	 * A worker reported its sessions.
	 * @param workerId the worker
	 * @param report its report
	 */
	synchronized void reported(int workerId, SessionReport report) {
		Count count = this.counts.computeIfAbsent(workerId, (id) -> new Count());
		long newlyOpened = report.opened() - count.opened;
		for (long i = 0; i < newlyOpened && !count.pending.isEmpty(); i++) {
			count.pending.removeFirst();
		}
		count.open = report.open();
		count.opened = Math.max(count.opened, report.opened());
	}

	/**
	 * Forgets a worker whose link came up or went down: a new JVM reports from zero.
	 * @param workerId the worker
	 */
	synchronized void forget(int workerId) {
		this.counts.remove(workerId);
	}

	/**
	 * Sessions a worker holds or is about to.
	 * @param workerId the worker
	 * @param now {@link System#nanoTime()}
	 * @return its open sessions as last reported, plus those routed to it since and not yet
	 * reported open
	 */
	synchronized int sessions(int workerId, long now) {
		Count count = this.counts.get(workerId);
		if (count == null) {
			return 0;
		}
		while (!count.pending.isEmpty() && now - count.pending.peekFirst() > PENDING_TIMEOUT_NANOS) {
			count.pending.removeFirst();
		}
		return count.open + count.pending.size();
	}

	private static final class Count {

		private int open;

		private long opened;

		/** When each session not yet reported open was routed, oldest first. */
		private final Deque<Long> pending = new ArrayDeque<>();

	}

}

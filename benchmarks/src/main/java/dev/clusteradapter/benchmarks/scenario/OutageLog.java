package dev.clusteradapter.benchmarks.scenario;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every numbered broadcast sent while Redis went away and came back, who received it and
 * when, and the figures of the outage drawn from that. A broadcast is local to the clients
 * of the peer it was sent to and cross-host to everyone else's; only cross-host ones travel
 * over Redis. Safe for one sending thread and many receiving ones.
 */
public final class OutageLog {

	private final int[] homes;

	private final AtomicLongArray sentNanos;

	private final AtomicIntegerArray origins;

	private final AtomicLongArray[] receivedNanos;

	private final AtomicLong firstCrossAfterRestart = new AtomicLong(Long.MAX_VALUE);

	private volatile long killNanos = Long.MAX_VALUE;

	private volatile long restartNanos = Long.MAX_VALUE;

	/**
	 * An empty log.
	 * @param capacity the most broadcasts it takes
	 * @param homes for each receiving client, the index of the peer it is connected to
	 */
	OutageLog(int capacity, int[] homes) {
		this.homes = homes.clone();
		this.sentNanos = new AtomicLongArray(capacity);
		this.origins = new AtomicIntegerArray(capacity);
		this.receivedNanos = new AtomicLongArray[homes.length];
		for (int i = 0; i < homes.length; i++) {
			this.receivedNanos[i] = new AtomicLongArray(capacity);
		}
	}

	int capacity() {
		return this.sentNanos.length();
	}

	/** Broadcast {@code seq} is about to be sent to peer {@code origin}. */
	void sent(int seq, int origin, long nanos) {
		this.origins.set(seq, origin);
		this.sentNanos.set(seq, nanos);
	}

	/** Client {@code receiver} got broadcast {@code seq}; numbers outside the log are ignored. */
	void received(int receiver, long seq, long nanos) {
		if (seq < 0 || seq >= capacity() || this.sentNanos.get((int) seq) == 0) {
			return;
		}
		this.receivedNanos[receiver].compareAndSet((int) seq, 0, nanos);
		if (this.homes[receiver] != this.origins.get((int) seq) && this.sentNanos.get((int) seq) > this.restartNanos) {
			this.firstCrossAfterRestart.accumulateAndGet(nanos, Math::min);
		}
	}

	void killed(long nanos) {
		this.killNanos = nanos;
	}

	void restarted(long nanos) {
		this.restartNanos = nanos;
	}

	/** Whether a broadcast sent after the restart has crossed to another peer's client. */
	boolean crossHostFlowing() {
		return this.firstCrossAfterRestart.get() != Long.MAX_VALUE;
	}

	/**
	 * The figures, once the first {@code sent} broadcasts had their time to arrive.
	 * @param sent how many broadcasts were sent
	 * @return the figures
	 */
	Figures figures(int sent) {
		long lostCross = 0;
		long lostLocal = 0;
		long missedBroadcasts = 0;
		long firstLost = Long.MAX_VALUE;
		long lastLost = Long.MIN_VALUE;
		for (int seq = 0; seq < sent; seq++) {
			boolean missed = false;
			for (int receiver = 0; receiver < this.homes.length; receiver++) {
				if (this.receivedNanos[receiver].get(seq) != 0) {
					continue;
				}
				if (this.homes[receiver] == this.origins.get(seq)) {
					lostLocal++;
				}
				else {
					lostCross++;
					missed = true;
				}
			}
			if (missed) {
				missedBroadcasts++;
				firstLost = Math.min(firstLost, this.sentNanos.get(seq));
				lastLost = Math.max(lastLost, this.sentNanos.get(seq));
			}
		}
		boolean anyLost = missedBroadcasts > 0;
		return new Figures(millis(this.restartNanos - this.killNanos), anyLost ? millis(lastLost - firstLost) : 0,
				lostCross, missedBroadcasts, lostLocal,
				anyLost ? millis(firstLost - this.killNanos) : Double.NaN,
				anyLost ? millis(lastLost - this.restartNanos) : Double.NaN,
				crossHostFlowing() ? millis(this.firstCrossAfterRestart.get() - this.restartNanos) : Double.NaN);
	}

	/**
	 * The missed broadcasts of each sending peer, as the span of their numbers and send times
	 * relative to the kill, for the progress log.
	 * @param sent how many broadcasts were sent
	 * @return e.g. {@code from peer 0: 150 broadcasts, 300-598, -2 to 2990 ms after the kill}
	 */
	String describeLosses(int sent) {
		StringBuilder out = new StringBuilder();
		int peers = 1 + Arrays.stream(this.homes).max().orElse(0);
		for (int peer = 0; peer < peers; peer++) {
			int first = -1;
			int last = -1;
			int count = 0;
			for (int seq = 0; seq < sent; seq++) {
				if (this.origins.get(seq) == peer && missedAcrossHosts(seq)) {
					first = (first < 0) ? seq : first;
					last = seq;
					count++;
				}
			}
			if (count > 0) {
				out.append(out.isEmpty() ? "" : "; ").append("from peer ").append(peer).append(": ").append(count)
					.append(" broadcasts, ").append(first).append('-').append(last).append(", ")
					.append(Math.round(millis(this.sentNanos.get(first) - this.killNanos))).append(" to ")
					.append(Math.round(millis(this.sentNanos.get(last) - this.killNanos))).append(" ms after the kill");
			}
		}
		return out.isEmpty() ? "none" : out.toString();
	}

	private boolean missedAcrossHosts(int seq) {
		for (int receiver = 0; receiver < this.homes.length; receiver++) {
			if (this.homes[receiver] != this.origins.get(seq) && this.receivedNanos[receiver].get(seq) == 0) {
				return true;
			}
		}
		return false;
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

	/**
	 * What an outage cost.
	 * @param downMillis from the kill until the new server answered PING
	 * @param lossWindowMillis from the send of the first broadcast a cross-host client missed
	 * to the send of the last one (0 when none was missed)
	 * @param lostCrossHost cross-host deliveries that never arrived
	 * @param missedBroadcasts broadcasts that missed at least one cross-host client
	 * @param lostLocal local deliveries (same peer as the sender) that never arrived
	 * @param firstLossAfterKillMillis send of the first missed broadcast, after the kill
	 * (negative: it was on its way when Redis died; NaN when none was missed)
	 * @param lastLossAfterRestartMillis send of the last missed broadcast, after the restart
	 * (negative: losses ended before the new server answered; NaN when none was missed)
	 * @param flowingAfterRestartMillis from the restart until the first delivery to another
	 * peer's client of a broadcast sent after the restart (NaN when none came)
	 */
	public record Figures(double downMillis, double lossWindowMillis, long lostCrossHost, long missedBroadcasts,
			long lostLocal, double firstLossAfterKillMillis, double lastLossAfterRestartMillis, double flowingAfterRestartMillis) {
	}

}

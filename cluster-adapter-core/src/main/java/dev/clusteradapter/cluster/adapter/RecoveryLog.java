package dev.clusteradapter.cluster.adapter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The recoverable broadcasts a node received (or sent) lately, in arrival order, bounded
 * in count and age. Every node logs each broadcast under the offset its sender assigned,
 * so a session can be restored from any node's log. Not thread-safe: {@link
 * ConnectionRecovery} holds its lock around every use, and around the delivery of what it
 * logs, so that a restored socket gets each event once, either from the log or live.
 */
final class RecoveryLog {

	/** One logged broadcast. */
	record Entry(RecoveryOffset offset, BroadcastTarget target, String event, EncodedArgs args, long arrivedAt) {
	}

	/** Outcome of a look-up that can fail in two ways. */
	enum Gap {
		/** The offset is not (or no longer) in the log. */
		UNKNOWN_OFFSET,
		/** More events were missed than a session may receive. */
		TOO_MANY
	}

	private final ArrayDeque<Entry> entries = new ArrayDeque<>();

	private final Map<String, Entry> byOffset = new HashMap<>();

	// per sender: highest sequence received, and highest sequence no longer in the log
	private final Map<String, Long> received = new HashMap<>();

	private final Map<String, Long> dropped = new HashMap<>();

	private final int capacity;

	private final long windowMillis;

	RecoveryLog(int capacity, long windowMillis) {
		this.capacity = capacity;
		this.windowMillis = windowMillis;
	}

	void append(Entry entry) {
		expire(entry.arrivedAt());
		while (this.entries.size() >= this.capacity) {
			drop();
		}
		this.entries.addLast(entry);
		this.byOffset.put(entry.offset().toString(), entry);
		this.received.merge(entry.offset().sender(), entry.offset().sequence(), Math::max);
	}

	/** Forgets what is older than the window: no session can need it any more. */
	void expire(long now) {
		while (!this.entries.isEmpty() && this.entries.peekFirst().arrivedAt() < now - this.windowMillis) {
			drop();
		}
	}

	private void drop() {
		Entry oldest = this.entries.removeFirst();
		this.byOffset.remove(oldest.offset().toString());
		this.dropped.merge(oldest.offset().sender(), oldest.offset().sequence(), Math::max);
	}

	/**
	 * Every entry, oldest first.
	 * @return a copy
	 */
	List<Entry> entries() {
		return new ArrayList<>(this.entries);
	}

	int size() {
		return this.entries.size();
	}

	/**
	 * What a session missed after the last event it processed.
	 * @param offset the offset of that event
	 * @param nsp the session's namespace
	 * @param rooms the session's rooms
	 * @param max the most events it may receive
	 * @return the entries, in order, or a {@link Gap}
	 */
	Object after(String offset, String nsp, Collection<String> rooms, int max) {
		Entry last = this.byOffset.get(offset);
		if (last == null) {
			return Gap.UNKNOWN_OFFSET;
		}
		List<Entry> missed = new ArrayList<>();
		Iterator<Entry> all = this.entries.descendingIterator();
		// from the newest back to the offset: the recent end is the short one
		while (all.hasNext()) {
			Entry entry = all.next();
			if (entry == last) {
				break;
			}
			if (concerns(entry, nsp, rooms)) {
				missed.add(entry);
				if (missed.size() > max) {
					return Gap.TOO_MANY;
				}
			}
		}
		java.util.Collections.reverse(missed);
		return missed;
	}

	/**
	 * What arrived here but not at the node that answered a restoration, when it answered:
	 * each sender's events past what that node had received.
	 * @param seen per sender, the highest sequence the answering node had received
	 * @param notBefore for senders it had never heard of, the arrival time from which on to
	 * take their events
	 * @param nsp the session's namespace
	 * @param rooms the session's rooms
	 * @return the entries, in order, or {@code null} when this log no longer holds some of them
	 */
	List<Entry> beyond(Map<String, Long> seen, long notBefore, String nsp, Collection<String> rooms) {
		for (Map.Entry<String, Long> drop : this.dropped.entrySet()) {
			Long known = seen.get(drop.getKey());
			if (known != null && drop.getValue() > known) {
				return null;
			}
		}
		List<Entry> result = new ArrayList<>();
		for (Entry entry : this.entries) {
			Long known = seen.get(entry.offset().sender());
			boolean unseen = (known != null) ? entry.offset().sequence() > known : entry.arrivedAt() >= notBefore;
			if (unseen && concerns(entry, nsp, rooms)) {
				result.add(entry);
			}
		}
		return result;
	}

	/**
	 * Whether this log has received, from every sender, at least what another node had.
	 * @param seen per sender, the highest sequence the other node had received
	 * @return whether nothing the other node had is still on its way here
	 */
	boolean caughtUp(Map<String, Long> seen) {
		for (Map.Entry<String, Long> sender : seen.entrySet()) {
			if (this.received.getOrDefault(sender.getKey(), 0L) < sender.getValue()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Per sender, the highest sequence received.
	 * @return a copy
	 */
	Map<String, Long> received() {
		return new HashMap<>(this.received);
	}

	/** socket.io's {@code shouldIncludePacket}: in one of the target rooms (or all), in none excepted. */
	static boolean concerns(Entry entry, String nsp, Collection<String> rooms) {
		BroadcastTarget target = entry.target();
		if (!target.nsp().equals(nsp)) {
			return false;
		}
		boolean included = target.rooms().isEmpty() || rooms.stream().anyMatch(target.rooms()::contains);
		return included && rooms.stream().noneMatch(target.except()::contains);
	}

}

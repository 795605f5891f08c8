package dev.clusteradapter.cluster.redis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The peers of one node on Redis. Every sender's uid gets a local id. Peers that say they
 * are alive (this adapter's heartbeats) are <em>named</em>: their answers are awaited by id
 * and their silence is noticed. The others (Node.js servers, which send no heartbeat in
 * either mode) are known by count only: Redis's subscriber count of the channel every
 * serving node subscribes, less this node and the named peers.
 */
final class PeerDirectory {

	private final Map<String, Integer> ids = new ConcurrentHashMap<>();

	private final Map<Integer, String> uids = new ConcurrentHashMap<>();

	private final AtomicInteger nextId = new AtomicInteger();

	/** Named peer → last time it was heard from (nanos). */
	private final Map<Integer, Long> named = new ConcurrentHashMap<>();

	private volatile int unnamed;

	/** The local id of a uid, assigned on first sight. */
	int idOf(String uid) {
		return this.ids.computeIfAbsent(uid, (key) -> {
			int id = this.nextId.incrementAndGet();
			this.uids.put(id, key);
			return id;
		});
	}

	String uidOf(int id) {
		return this.uids.get(id);
	}

	boolean isNamed(int id) {
		return this.named.containsKey(id);
	}

	/**
	 * A named peer spoke.
	 * @return whether it is new
	 */
	boolean heard(int id, long nowNanos) {
		return this.named.put(id, nowNanos) == null;
	}

	/** A named peer left; returns whether it was known. */
	boolean left(int id) {
		return this.named.remove(id) != null;
	}

	/** Named peers silent for longer than the timeout, removed. */
	List<Integer> expire(long nowNanos, long timeoutNanos) {
		List<Integer> silent = new ArrayList<>();
		this.named.forEach((id, last) -> {
			if (nowNanos - last > timeoutNanos) {
				silent.add(id);
			}
		});
		silent.forEach(this.named::remove);
		return silent;
	}

	/** The named peers' ids. */
	List<Integer> namedIds() {
		return new ArrayList<>(this.named.keySet());
	}

	int namedCount() {
		return this.named.size();
	}

	int unnamedCount() {
		return this.unnamed;
	}

	/**
	 * Sets the number of peers known by count only.
	 * @return the previous number
	 */
	int unnamed(int count) {
		int previous = this.unnamed;
		this.unnamed = Math.max(0, count);
		return previous;
	}

	/** Named ids, then {@code -1 … -n} for the peers known by count. */
	Set<Integer> peers() {
		Set<Integer> peers = new HashSet<>(this.named.keySet());
		for (int i = 1; i <= this.unnamed; i++) {
			peers.add(-i);
		}
		return peers;
	}

}

package dev.clusteradapter.cluster.adapter;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sessions of the sockets that left this node in a way they may come back from, by
 * private id, in the order they left; bounded in count and age. Each is handed out once.
 */
final class RecoverySessions {

	/**
	 * A session kept for its client's return.
	 * @param pid its private id
	 * @param sid its socket's id
	 * @param nsp its namespace
	 * @param rooms its rooms, socket.io style (its id included)
	 * @param data CBOR map of its data entries
	 * @param disconnectedAt when it left, epoch millis
	 */
	record Kept(String pid, String sid, String nsp, List<String> rooms, byte[] data, long disconnectedAt) {
	}

	private final Map<String, Kept> sessions = new LinkedHashMap<>();

	private final int capacity;

	private final long windowMillis;

	RecoverySessions(int capacity, long windowMillis) {
		this.capacity = capacity;
		this.windowMillis = windowMillis;
	}

	synchronized void keep(Kept session) {
		expire(session.disconnectedAt());
		this.sessions.remove(session.pid());
		if (this.sessions.size() >= this.capacity) {
			Iterator<Kept> oldest = this.sessions.values().iterator();
			oldest.next();
			oldest.remove();
		}
		this.sessions.put(session.pid(), session);
	}

	/**
	 * Hands a session out, once.
	 * @param pid its private id
	 * @param now epoch millis
	 * @return the session, or {@code null} when unknown here or expired
	 */
	synchronized Kept take(String pid, long now) {
		expire(now);
		return this.sessions.remove(pid);
	}

	/**
	 * Hands every session out, for a node that stops.
	 * @param now epoch millis
	 * @return the sessions still live, oldest first
	 */
	synchronized List<Kept> drain(long now) {
		expire(now);
		List<Kept> all = List.copyOf(this.sessions.values());
		this.sessions.clear();
		return all;
	}

	synchronized int size() {
		return this.sessions.size();
	}

	private void expire(long now) {
		Iterator<Kept> all = this.sessions.values().iterator();
		while (all.hasNext() && all.next().disconnectedAt() + this.windowMillis < now) {
			all.remove();
		}
	}

}

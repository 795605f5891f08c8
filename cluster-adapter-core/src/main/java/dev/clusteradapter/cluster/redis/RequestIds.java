package dev.clusteradapter.cluster.redis;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids between the adapter's {@code long}s and the strings on the wire, and what an
 * answer needs to know of the request it answers.
 * <p>
 * This node's own ids are random 64-bit numbers written as 16 hex digits, as socket.io's
 * {@code ClusterAdapter} writes its own: classic responses are matched by id alone on a
 * shared channel, so ids must be unique across the fleet. A peer's request is remembered
 * until its answers are over (the retention): its namespace, which the answer's channel
 * names, and its id as it came when that is not 16 hex digits (classic Node servers use 6
 * random characters), under a local number.
 */
final class RequestIds {

	private final Map<Long, Inbound> inbound = new ConcurrentHashMap<>();

	private final AtomicLong nextForeign = new AtomicLong(new SecureRandom().nextLong() | 1);

	private final SecureRandom random = new SecureRandom();

	private final long retentionNanos;

	private volatile long nextSweep;

	RequestIds(long retentionNanos) {
		this.retentionNanos = retentionNanos;
		this.nextSweep = System.nanoTime() + retentionNanos;
	}

	/** A new id of this node's, never 0 (0 stands for "no id"). */
	long next() {
		long id;
		do {
			id = this.random.nextLong();
		}
		while (id == 0);
		return id;
	}

	static String format(long id) {
		return String.format("%016x", id);
	}

	/** This node's id in a response, or {@code null} when it cannot be one. */
	static Long ownFromWire(Object id) {
		if (id == null) {
			return null;
		}
		String text = String.valueOf(id);
		if (text.length() != 16) {
			return null;
		}
		try {
			return Long.parseUnsignedLong(text, 16);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Takes note of a peer's request.
	 * @param id its id on the wire, or {@code null} when it has none
	 * @param nsp its namespace
	 * @return the adapter's number for it; {@code 0} when it has no id
	 */
	long fromWire(Object id, String nsp) {
		if (id == null) {
			return 0;
		}
		sweep();
		String text = String.valueOf(id);
		Long own = ownFromWire(text);
		long number = (own != null && own != 0) ? own : this.nextForeign.getAndIncrement();
		this.inbound.put(number, new Inbound((own != null && own != 0) ? null : text, nsp, System.nanoTime()));
		return number;
	}

	/** The id to answer a request with: a foreign id as it came, else 16 hex digits. */
	String toWire(long id) {
		Inbound request = this.inbound.get(id);
		return (request != null && request.text() != null) ? request.text() : format(id);
	}

	/** The namespace of a peer's request, {@code "/"} when forgotten. */
	String namespaceOf(long id) {
		Inbound request = this.inbound.get(id);
		return (request != null) ? request.nsp() : "/";
	}

	int size() {
		return this.inbound.size();
	}

	private void sweep() {
		long now = System.nanoTime();
		if (now - this.nextSweep < 0) {
			return;
		}
		this.nextSweep = now + this.retentionNanos / 4;
		this.inbound.values().removeIf((request) -> now - request.since() > this.retentionNanos);
	}

	private record Inbound(String text, String nsp, long since) {
	}

}

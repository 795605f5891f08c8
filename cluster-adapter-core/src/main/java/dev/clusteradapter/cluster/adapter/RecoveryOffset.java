package dev.clusteradapter.cluster.adapter;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Offset of a recoverable broadcast, as its sender assigns it: the sender's random id, a
 * dot, and the sender's sequence number. Every node logs the broadcast under the same
 * offset; one sender's offsets arrive everywhere in the order of their sequence numbers.
 *
 * @param sender the sending adapter's id, new at each start
 * @param sequence the sender's count of recoverable broadcasts, from 1
 */
record RecoveryOffset(String sender, long sequence) {

	private static final SecureRandom random = new SecureRandom();

	@Override
	public String toString() {
		return this.sender + "." + Long.toString(this.sequence, 36);
	}

	/**
	 * Reads an offset a client sent back.
	 * @param text the offset
	 * @return the offset, or {@code null} when it is none of ours
	 */
	static RecoveryOffset parse(String text) {
		int dot = (text != null) ? text.lastIndexOf('.') : -1;
		if (dot < 1 || dot == text.length() - 1) {
			return null;
		}
		try {
			return new RecoveryOffset(text.substring(0, dot), Long.parseLong(text.substring(dot + 1), 36));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** Assigns the offsets of one sender. */
	static final class Sequence {

		private final String sender = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);

		private final AtomicLong last = new AtomicLong();

		RecoveryOffset next() {
			return new RecoveryOffset(this.sender, this.last.incrementAndGet());
		}

	}

}

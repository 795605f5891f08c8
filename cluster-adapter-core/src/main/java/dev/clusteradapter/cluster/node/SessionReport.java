package dev.clusteradapter.cluster.node;

import java.nio.ByteBuffer;

/**
 * What a worker reports of its sessions as they open and close, between heartbeats, for
 * least-connection balancing. Twelve bytes, big-endian:
 *
 * <pre>
 * +----------------+--------------------------------+
 * | open (int32)   | opened (int64)                 |
 * +----------------+--------------------------------+
 * </pre>
 *
 * @param open sessions the worker holds now
 * @param opened sessions it opened since its JVM started; only grows
 */
record SessionReport(int open, long opened) {

	static final int LENGTH = 12;

	byte[] encode() {
		return ByteBuffer.allocate(LENGTH).putInt(this.open).putLong(this.opened).array();
	}

	/**
	 * Decodes a report.
	 * @param bytes the report's bytes
	 * @return the report, or {@code null} when the bytes are not one
	 */
	static SessionReport decode(byte[] bytes) {
		if (bytes == null || bytes.length != LENGTH) {
			return null;
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		int open = buffer.getInt();
		long opened = buffer.getLong();
		return (open >= 0 && opened >= 0) ? new SessionReport(open, opened) : null;
	}

}

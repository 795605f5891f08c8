package dev.clusteradapter.benchmarks.client;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * Reads the few things a load scenario needs straight from a packet's bytes, so that a
 * hundred thousand deliveries a second cost no string or JSON tree each.
 */
public final class Packets {

	private Packets() {
	}

	/**
	 * The ASCII bytes of a packet prefix or a JSON key, for the readers below.
	 * @param text ASCII text
	 * @return its bytes
	 */
	public static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Whether the packet starts with the prefix.
	 * @param packet the packet
	 * @param prefix the prefix's bytes
	 * @return whether it does
	 */
	public static boolean startsWith(ByteBuf packet, byte[] prefix) {
		int start = packet.readerIndex();
		if (packet.readableBytes() < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (packet.getByte(start + i) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The non-negative integer right after the first occurrence of the key.
	 * @param packet the packet
	 * @param key the key's bytes, e.g. {@code "t":}
	 * @return the number, or -1 when the key is absent
	 */
	public static long longAfter(ByteBuf packet, byte[] key) {
		int at = indexOf(packet, key);
		if (at < 0) {
			return -1;
		}
		long value = 0;
		int end = packet.writerIndex();
		for (int i = at + key.length; i < end; i++) {
			byte b = packet.getByte(i);
			if (b < '0' || b > '9') {
				break;
			}
			value = value * 10 + (b - '0');
		}
		return value;
	}

	/**
	 * The byte right after the first occurrence of the key.
	 * @param packet the packet
	 * @param key the key's bytes
	 * @return the byte, or 0 when the key is absent
	 */
	public static byte byteAfter(ByteBuf packet, byte[] key) {
		int at = indexOf(packet, key);
		return (at < 0 || at + key.length >= packet.writerIndex()) ? 0 : packet.getByte(at + key.length);
	}

	private static int indexOf(ByteBuf packet, byte[] key) {
		int end = packet.writerIndex() - key.length;
		outer: for (int i = packet.readerIndex(); i <= end; i++) {
			for (int j = 0; j < key.length; j++) {
				if (packet.getByte(i + j) != key[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}

package dev.clusteradapter.cluster.server;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

import com.corundumstudio.socketio.protocol.Packet;

import dev.clusteradapter.cluster.socketio.EncodedEventPacket;

/**
 * The size of a packet once written, told without writing it: exact for an
 * {@link EncodedEventPacket} (a broadcast's bytes, written once), estimated from the
 * arguments for any other (text and binary by their length, binary as polling carries it
 * in base64; other values, nested deeper than a few levels or not JSON-like, at a fixed
 * guess). Enough to hold a queue to a limit, cheap enough for every packet.
 */
final class PacketSizes {

	/** Engine.IO and Socket.IO framing, namespace, ack id. */
	private static final long FRAMING = 16;

	/** An object of a type not known here, as Jackson might write it. */
	private static final long UNKNOWN = 64;

	private static final int MAX_DEPTH = 8;

	private static final int MAX_ELEMENTS = 1000;

	private PacketSizes() {
	}

	/**
	 * The bytes a packet takes written.
	 * @param packet the packet
	 * @return its size, exact or estimated
	 */
	static long of(Packet packet) {
		if (packet instanceof EncodedEventPacket encoded) {
			long size = encoded.text().length;
			for (byte[] attachment : encoded.attachments()) {
				size += base64(attachment.length) + 2;
			}
			return size;
		}
		String name = packet.getName();
		return FRAMING + ((name != null) ? name.length() : 0) + estimate(packet.getData(), 0);
	}

	private static long estimate(Object value, int depth) {
		if (value == null || value instanceof Number || value instanceof Boolean) {
			return 8;
		}
		if (value instanceof CharSequence text) {
			return text.length() + 2;
		}
		if (value instanceof byte[] bytes) {
			return base64(bytes.length) + 2;
		}
		if (depth >= MAX_DEPTH) {
			return UNKNOWN;
		}
		if (value instanceof Collection<?> collection) {
			return 2 + elements(collection, collection.size(), depth);
		}
		if (value instanceof Map<?, ?> map) {
			return 2 + elements(map.keySet(), map.size(), depth) + elements(map.values(), map.size(), depth);
		}
		if (value instanceof Object[] array) {
			return 2 + elements(Arrays.asList(array), array.length, depth);
		}
		if (value.getClass().isArray()) {
			return 2 + 8L * Array.getLength(value);
		}
		return UNKNOWN;
	}

	/** The first elements one by one, the rest at a guess. */
	private static long elements(Iterable<?> elements, int count, int depth) {
		long size = 0;
		int seen = 0;
		for (Object element : elements) {
			if (seen == MAX_ELEMENTS) {
				return size + (long) (count - seen) * (size / seen);
			}
			size += estimate(element, depth + 1) + 1;
			seen++;
		}
		return size;
	}

	private static long base64(long bytes) {
		return (bytes + 2) / 3 * 4;
	}

}

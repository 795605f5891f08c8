package dev.clusteradapter.cluster.redis;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.msgpack.value.ValueType;

/**
 * Reads what notepack.io 3.0.1 reads, as Java values (the table is in {@link Notepack}).
 * <p>
 * Every length is checked against the bytes left before anything is allocated for it (an
 * array needs at least one byte per element, a map two per entry), nesting is bounded, and
 * whatever is wrong ends in one {@link MalformedMessageException}.
 */
final class NotepackReader {

	/** notepack.io 2.x wrote {@code undefined} as fixext1 type 0; 3.x still reads it. */
	private static final Object UNDEFINED = new Object();

	private static final byte TIMESTAMP = -1;

	private static final byte LEGACY = 0;

	private static final byte[] NOTHING = {};

	/**
	 * One unpacker per thread, pointed at each message in turn: creating one per message
	 * cost as much as reading a small broadcast (a message is read on one thread, start to end).
	 */
	private static final ThreadLocal<NotepackReader> READERS = ThreadLocal.withInitial(NotepackReader::new);

	private final ArrayBufferInput input = new ArrayBufferInput(NOTHING);

	private final MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(this.input);

	private long length;

	private NotepackReader() {
	}

	static Object read(byte[] bytes, int offset, int length) {
		NotepackReader reader = READERS.get();
		reader.point(bytes, offset, length);
		try {
			return reader.readWhole();
		}
		finally {
			// the message must not stay reachable from the thread
			reader.point(NOTHING, 0, 0);
		}
	}

	private void point(byte[] bytes, int offset, int length) {
		this.input.reset(bytes, offset, length);
		try {
			// also sets the unpacker's position and count of bytes read back to 0
			this.unpacker.reset(this.input);
		}
		catch (IOException ex) {
			// closing an ArrayBufferInput does nothing that could fail
			throw new IllegalStateException(ex);
		}
		this.length = length;
	}

	private Object readWhole() {
		try {
			Object value = value(0);
			long trailing = remaining();
			if (trailing != 0) {
				throw new MalformedMessageException(trailing + " trailing bytes after the msgpack value");
			}
			return (value == UNDEFINED) ? null : value;
		}
		catch (MessagePackException | IOException | IllegalArgumentException | DateTimeException
				| ArithmeticException ex) {
			throw new MalformedMessageException("Malformed msgpack at byte " + this.unpacker.getTotalReadBytes()
					+ ": " + ex.getMessage(), ex);
		}
	}

	private long remaining() {
		return this.length - this.unpacker.getTotalReadBytes();
	}

	private int checkLength(long length, int bytesPerItem, String what) {
		if (length < 0 || length * bytesPerItem > remaining()) {
			throw new MalformedMessageException(what + " of length " + length + " at byte "
					+ this.unpacker.getTotalReadBytes() + " runs past the end (" + remaining() + " bytes left)");
		}
		return (int) length;
	}

	private Object value(int depth) throws IOException {
		if (depth > Notepack.MAX_DEPTH) {
			throw new MalformedMessageException("msgpack nested deeper than " + Notepack.MAX_DEPTH + " levels");
		}
		MessageFormat format = this.unpacker.getNextFormat();
		if (format == MessageFormat.NEVER_USED) {
			throw new MalformedMessageException("Byte 0xc1 (never used in msgpack) at byte " + this.unpacker.getTotalReadBytes());
		}
		return switch (format.getValueType()) {
			case NIL -> {
				this.unpacker.unpackNil();
				yield null;
			}
			case BOOLEAN -> this.unpacker.unpackBoolean();
			case INTEGER -> integer(format);
			case FLOAT -> this.unpacker.unpackDouble();
			case STRING -> string();
			case BINARY -> payload(this.unpacker.unpackBinaryHeader(), "bin");
			case ARRAY -> array(depth);
			case MAP -> map(depth);
			case EXTENSION -> extension(format);
		};
	}

	private Object integer(MessageFormat format) throws IOException {
		if (format == MessageFormat.UINT64) {
			BigInteger value = this.unpacker.unpackBigInteger();
			// JavaScript reads every number as a double
			return (value.bitLength() <= 63) ? narrow(value.longValue()) : (Object) value.doubleValue();
		}
		return narrow(this.unpacker.unpackLong());
	}

	private static Object narrow(long value) {
		return (value == (int) value) ? (Object) (int) value : (Object) value;
	}

	private String string() throws IOException {
		byte[] utf8 = payload(this.unpacker.unpackRawStringHeader(), "str");
		// invalid UTF-8 becomes U+FFFD, as Buffer.toString('utf8') does
		return new String(utf8, StandardCharsets.UTF_8);
	}

	private byte[] payload(int length, String what) throws IOException {
		return this.unpacker.readPayload(checkLength(Integer.toUnsignedLong(length), 1, what));
	}

	private List<Object> array(int depth) throws IOException {
		int size = checkLength(Integer.toUnsignedLong(this.unpacker.unpackArrayHeader()), 1, "array");
		List<Object> list = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			Object item = value(depth + 1);
			// JSON.stringify writes an undefined array element as null
			list.add((item == UNDEFINED) ? null : item);
		}
		return list;
	}

	private Map<String, Object> map(int depth) throws IOException {
		int size = checkLength(Integer.toUnsignedLong(this.unpacker.unpackMapHeader()), 2, "map");
		Map<String, Object> map = new LinkedHashMap<>(Math.min(size, 16) * 2);
		for (int i = 0; i < size; i++) {
			String key = key(depth);
			Object item = value(depth + 1);
			if (item == UNDEFINED) {
				// a property set to undefined is no property, for notepack's encoder and JSON alike
				map.remove(key);
			}
			else {
				map.put(key, item);
			}
		}
		return map;
	}

	private String key(int depth) throws IOException {
		MessageFormat format = this.unpacker.getNextFormat();
		if (format != MessageFormat.NEVER_USED && format.getValueType() == ValueType.STRING) {
			return string();
		}
		if (format != MessageFormat.NEVER_USED && format.getValueType() == ValueType.INTEGER) {
			// a JavaScript property name is a string; an integer key reads as its digits there too
			Object integer = integer(format);
			if (!(integer instanceof Double)) {
				return String.valueOf(integer);
			}
		}
		throw new MalformedMessageException("A map key that is no string or integer at byte "
				+ this.unpacker.getTotalReadBytes() + " (" + format + ")");
	}

	private Object extension(MessageFormat format) throws IOException {
		ExtensionTypeHeader header = this.unpacker.unpackExtensionTypeHeader();
		byte type = header.getType();
		byte[] data = payload(header.getLength(), "ext");
		if (type == TIMESTAMP) {
			switch (format) {
				case FIXEXT4:
					return Instant.ofEpochSecond(Integer.toUnsignedLong(ByteBuffer.wrap(data).getInt()));
				case FIXEXT8: {
					long bits = ByteBuffer.wrap(data).getLong();
					return Instant.ofEpochSecond(bits & 0x3_FFFF_FFFFL, bits >>> 34);
				}
				case EXT8: {
					if (data.length != 12) {
						throw new MalformedMessageException("A 96-bit msgpack timestamp of " + data.length + " bytes");
					}
					ByteBuffer buffer = ByteBuffer.wrap(data);
					long nanos = Integer.toUnsignedLong(buffer.getInt());
					return Instant.ofEpochSecond(buffer.getLong(), nanos);
				}
				default:
					break;
			}
		}
		if (type == LEGACY) {
			switch (format) {
				case FIXEXT1:
					return UNDEFINED;
				case FIXEXT8:
					// notepack 2.x Date: int64 milliseconds since the epoch
					return Instant.ofEpochMilli(ByteBuffer.wrap(data).getLong());
				case EXT8:
				case EXT16:
				case EXT32:
					// notepack 2.x ArrayBuffer
					return data;
				default:
					break;
			}
		}
		// any other extension reaches JavaScript as [type, Buffer]
		List<Object> extension = new ArrayList<>(2);
		extension.add((int) type);
		extension.add(data);
		return extension;
	}

}

package dev.clusteradapter.cluster.redis;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * msgpack as {@code notepack.io} writes and reads it, the encoding of Socket.IO's Node Redis
 * adapters. JavaScript has one number type: integral values take the smallest integer
 * format, others float64, whatever their Java type. {@code Buffer} is {@code bin};
 * {@code undefined} is fixext 1 of type 0 and reads as {@code null}; a {@code Date} is fixext 8
 * of type 0 (a float64 of milliseconds) and reads as an {@link Instant}.
 * <p>
 * Reading is bounded by its input: a count that cannot fit in the bytes left, a nesting
 * deeper than {@value #MAX_DEPTH} or any malformed byte throws {@link MalformedMessageException}.
 */
final class Notepack {

	/** Deepest nesting read. */
	static final int MAX_DEPTH = 64;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final double MAX_SAFE_INTEGER = 9007199254740991d;

	private Notepack() {
	}

	static byte[] encode(Object value) {
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			pack(packer, value, 0);
			return packer.toByteArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException("msgpack encoding failed", ex);
		}
	}

	private static void pack(MessageBufferPacker packer, Object value, int depth) throws IOException {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("Value nested deeper than " + MAX_DEPTH);
		}
		if (value == null) {
			packer.packNil();
		}
		else if (value instanceof String text) {
			packer.packString(text);
		}
		else if (value instanceof Boolean bool) {
			packer.packBoolean(bool);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			packLong(packer, ((Number) value).longValue());
		}
		else if (value instanceof Number number) {
			packNumber(packer, number);
		}
		else if (value instanceof byte[] bytes) {
			packer.packBinaryHeader(bytes.length);
			packer.writePayload(bytes);
		}
		else if (value instanceof ByteBuffer buffer) {
			ByteBuffer copy = buffer.duplicate();
			byte[] bytes = new byte[copy.remaining()];
			copy.get(bytes);
			pack(packer, bytes, depth);
		}
		else if (value instanceof Map<?, ?> map) {
			packer.packMapHeader(map.size());
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				packer.packString(String.valueOf(entry.getKey()));
				pack(packer, entry.getValue(), depth + 1);
			}
		}
		else if (value instanceof Collection<?> collection) {
			packer.packArrayHeader(collection.size());
			for (Object item : collection) {
				pack(packer, item, depth + 1);
			}
		}
		else if (value instanceof Object[] array) {
			pack(packer, List.of(array), depth);
		}
		else if (value instanceof JsonNode node) {
			pack(packer, JSON.convertValue(node, Object.class), depth);
		}
		else if (value instanceof Instant instant) {
			packer.packExtensionTypeHeader((byte) 0, 8);
			packer.writePayload(ByteBuffer.allocate(8).putDouble(instant.toEpochMilli()).array());
		}
		else {
			// an application object: its JSON shape, as JSON.stringify would give it
			pack(packer, JSON.convertValue(value, Object.class), depth);
		}
	}

	private static void packNumber(MessageBufferPacker packer, Number number) throws IOException {
		if (number instanceof BigInteger big && big.bitLength() < 64) {
			packLong(packer, big.longValue());
			return;
		}
		if (number instanceof BigDecimal decimal) {
			try {
				packLong(packer, decimal.longValueExact());
				return;
			}
			catch (ArithmeticException ex) {
				// not integral: a float64 below
			}
		}
		double value = number.doubleValue();
		if (value == Math.rint(value) && Math.abs(value) <= MAX_SAFE_INTEGER && !(value == 0 && 1 / value < 0)) {
			packLong(packer, (long) value);
		}
		else {
			packer.packDouble(value);
		}
	}

	private static void packLong(MessageBufferPacker packer, long value) throws IOException {
		if (Math.abs((double) value) > MAX_SAFE_INTEGER) {
			// beyond 2^53 a JavaScript number is a float64
			packer.packDouble(value);
		}
		else {
			packer.packLong(value);
		}
	}

	static Object decode(byte[] payload) {
		try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(payload)) {
			if (!unpacker.hasNext()) {
				throw new MalformedMessageException("Empty msgpack message");
			}
			Object value = unpack(unpacker, payload.length, 0);
			if (unpacker.hasNext()) {
				throw new MalformedMessageException("Trailing bytes after a msgpack value");
			}
			return clean(value);
		}
		catch (MalformedMessageException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new MalformedMessageException("Malformed msgpack: " + ex.getMessage());
		}
	}

	private static Object unpack(MessageUnpacker unpacker, int size, int depth) throws IOException {
		if (depth > MAX_DEPTH) {
			throw new MalformedMessageException("msgpack nested deeper than " + MAX_DEPTH);
		}
		MessageFormat format = unpacker.getNextFormat();
		ValueType type = format.getValueType();
		switch (type) {
			case NIL:
				unpacker.unpackNil();
				return null;
			case BOOLEAN:
				return unpacker.unpackBoolean();
			case INTEGER:
				if (format == MessageFormat.UINT64) {
					BigInteger big = unpacker.unpackBigInteger();
					return (big.bitLength() < 64) ? (Object) big.longValue() : (Object) big.doubleValue();
				}
				long number = unpacker.unpackLong();
				return (number == (int) number) ? (Object) (int) number : (Object) number;
			case FLOAT:
				return unpacker.unpackDouble();
			case STRING: {
				int length = unpacker.unpackRawStringHeader();
				check(unpacker, length, size);
				return new String(unpacker.readPayload(length), java.nio.charset.StandardCharsets.UTF_8);
			}
			case BINARY: {
				int length = unpacker.unpackBinaryHeader();
				check(unpacker, length, size);
				return unpacker.readPayload(length);
			}
			case ARRAY: {
				int count = unpacker.unpackArrayHeader();
				check(unpacker, count, size);
				List<Object> list = new ArrayList<>(count);
				for (int i = 0; i < count; i++) {
					list.add(unpack(unpacker, size, depth + 1));
				}
				return list;
			}
			case MAP: {
				int count = unpacker.unpackMapHeader();
				check(unpacker, (long) count * 2, size);
				Map<String, Object> map = new LinkedHashMap<>();
				for (int i = 0; i < count; i++) {
					Object key = unpack(unpacker, size, depth + 1);
					Object value = unpack(unpacker, size, depth + 1);
					if (!isUndefined(value)) {
						map.put(String.valueOf(key), value);
					}
				}
				return map;
			}
			case EXTENSION: {
				var header = unpacker.unpackExtensionTypeHeader();
				check(unpacker, header.getLength(), size);
				byte[] data = unpacker.readPayload(header.getLength());
				if (header.getType() == 0 && header.getLength() == 8) {
					return Instant.ofEpochMilli((long) ByteBuffer.wrap(data).getDouble());
				}
				if (header.getType() == 0 && header.getLength() == 1) {
					return Undefined.INSTANCE;
				}
				// an ArrayBuffer: its bytes
				return data;
			}
			default:
				throw new MalformedMessageException("Unknown msgpack value type " + type);
		}
	}

	private static boolean isUndefined(Object value) {
		return value == Undefined.INSTANCE;
	}

	/** Every element takes at least one byte: a count larger than what is left cannot be. */
	private static void check(MessageUnpacker unpacker, long count, int size) {
		if (count < 0 || count > size - unpacker.getTotalReadBytes()) {
			throw new MalformedMessageException("msgpack length " + count + " exceeds the message");
		}
	}

	/** JavaScript's {@code undefined}: dropped from maps, {@code null} elsewhere once read. */
	enum Undefined {

		INSTANCE;

	}

	/** Replaces undefined values left in lists by {@code null}. */
	static Object clean(Object value) {
		if (value == Undefined.INSTANCE) {
			return null;
		}
		if (value instanceof List<?> list) {
			List<Object> result = new ArrayList<>(list.size());
			for (Iterator<?> it = list.iterator(); it.hasNext();) {
				result.add(clean(it.next()));
			}
			return result;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> result = new LinkedHashMap<>();
			map.forEach((key, item) -> result.put(String.valueOf(key), clean(item)));
			return result;
		}
		return value;
	}

}

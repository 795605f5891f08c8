package dev.clusteradapter.cluster.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Writes Java values as notepack.io 3.0.1 writes the JavaScript values they stand for (the
 * table is in {@link Notepack}). msgpack-core already picks the smallest integer, string,
 * binary, array and map header exactly as notepack does; what is left here is JavaScript's
 * number model (one {@code number}: integral values as integers, the rest as float64) and
 * the mapping from Java types.
 */
final class NotepackWriter {

	private static final MessagePack.PackerConfig CONFIG = new MessagePack.PackerConfig().withBufferSize(512)
		.withStr8FormatSupport(true);

	private static final double TWO_TO_63 = 0x1p63;

	private static final double TWO_TO_64 = 0x1p64;

	private final MessageBufferPacker packer = CONFIG.newBufferPacker();

	private NotepackWriter() {
	}

	static byte[] write(Object value) {
		NotepackWriter writer = new NotepackWriter();
		try {
			writer.value(value, 0);
			return writer.packer.toByteArray();
		}
		catch (IOException ex) {
			// an in-memory buffer does not fail
			throw new UncheckedIOException(ex);
		}
	}

	private void value(Object value, int depth) throws IOException {
		if (depth > Notepack.MAX_DEPTH) {
			throw new IllegalArgumentException("Value nested deeper than " + Notepack.MAX_DEPTH + " levels (a cycle?)");
		}
		if (value == null) {
			this.packer.packNil();
		}
		else if (value instanceof CharSequence text) {
			string(text.toString());
		}
		else if (value instanceof Boolean bool) {
			this.packer.packBoolean(bool);
		}
		else if (value instanceof Number number) {
			number(number);
		}
		else if (value instanceof byte[] bytes) {
			binary(bytes);
		}
		else if (value instanceof ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			binary(bytes);
		}
		else if (value instanceof Map<?, ?> map) {
			map(map, depth);
		}
		else if (value instanceof JsonNode node) {
			json(node, depth);
		}
		else if (value instanceof Collection<?> collection) {
			array(collection.toArray(), depth);
		}
		else if (value instanceof Object[] items) {
			array(items, depth);
		}
		else if (value instanceof char[] chars) {
			// as Jackson writes a char[]: one string
			string(new String(chars));
		}
		else if (value.getClass().isArray()) {
			primitiveArray(value);
		}
		else if (value instanceof Instant instant) {
			timestamp(instant);
		}
		else if (value instanceof Date date) {
			timestamp(Instant.ofEpochMilli(date.getTime()));
		}
		else if (value instanceof Character || value instanceof UUID) {
			string(value.toString());
		}
		else if (value instanceof Enum<?> constant) {
			string(constant.name());
		}
		else {
			throw new IllegalArgumentException("Cannot write a " + value.getClass().getName()
					+ " as msgpack: pass maps, lists, arrays, strings, numbers, booleans, byte arrays, instants"
					+ " or a Jackson tree (ObjectMapper.valueToTree)");
		}
	}

	private void number(Number number) throws IOException {
		if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
				|| number instanceof AtomicInteger || number instanceof AtomicLong) {
			this.packer.packLong(number.longValue());
		}
		else if (number instanceof BigInteger integer) {
			integer(integer);
		}
		else if (number instanceof BigDecimal decimal) {
			decimal(decimal);
		}
		else {
			number(number.doubleValue());
		}
	}

	/** A JavaScript number: integral values as the smallest integer, the others as float64. */
	private void number(double value) throws IOException {
		if (value != Math.floor(value) || Double.isInfinite(value)) {
			// NaN lands here too (NaN != NaN); notepack never writes float32
			this.packer.packDouble(value);
		}
		else if (value >= -TWO_TO_63 && value < TWO_TO_63) {
			this.packer.packLong((long) value);
		}
		else if (value > 0 && value < TWO_TO_64) {
			this.packer.packBigInteger(new BigDecimal(value).toBigInteger());
		}
		else {
			// notepack's uint64/int64 arithmetic wraps beyond 2^64 and -2^63 and would send
			// another number; a float64 keeps the value
			this.packer.packDouble(value);
		}
	}

	private void integer(BigInteger integer) throws IOException {
		if (integer.bitLength() <= 63 || (integer.signum() > 0 && integer.bitLength() == 64)) {
			this.packer.packBigInteger(integer);
		}
		else {
			number(integer.doubleValue());
		}
	}

	private void decimal(BigDecimal decimal) throws IOException {
		BigDecimal stripped = decimal.stripTrailingZeros();
		// 20 digits hold every uint64; beyond that the value is a double anyway, and a huge
		// exponent must not become a huge BigInteger
		if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 20) {
			integer(stripped.toBigIntegerExact());
		}
		else {
			number(decimal.doubleValue());
		}
	}

	private void string(String text) throws IOException {
		byte[] utf8 = utf8(text);
		this.packer.packRawStringHeader(utf8.length);
		this.packer.writePayload(utf8);
	}

	/**
	 * UTF-8 as Node's {@code Buffer.write} makes it: a lone surrogate becomes U+FFFD (Java's
	 * own encoder would write {@code ?}).
	 */
	static byte[] utf8(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isSurrogate(text.charAt(i))) {
				int[] codePoints = text.codePoints()
					.map((codePoint) -> (codePoint <= Character.MAX_VALUE && Character.isSurrogate((char) codePoint))
							? 0xFFFD : codePoint)
					.toArray();
				return new String(codePoints, 0, codePoints.length).getBytes(StandardCharsets.UTF_8);
			}
		}
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private void binary(byte[] bytes) throws IOException {
		this.packer.packBinaryHeader(bytes.length);
		this.packer.writePayload(bytes);
	}

	private void timestamp(Instant instant) throws IOException {
		// a JavaScript Date holds milliseconds; notepack writes the msgpack timestamp
		// (32, 64 or 96 bits) with the same thresholds as msgpack-core
		int millis = instant.getNano() / 1_000_000;
		this.packer.packTimestamp(instant.getEpochSecond(), millis * 1_000_000);
	}

	private void map(Map<?, ?> map, int depth) throws IOException {
		// one snapshot: the header's count and the entries written must agree
		Object[] entries = map.entrySet().toArray();
		this.packer.packMapHeader(entries.length);
		for (Object item : entries) {
			Map.Entry<?, ?> entry = (Map.Entry<?, ?>) item;
			if (entry.getKey() == null) {
				throw new IllegalArgumentException("Cannot write a null map key as msgpack");
			}
			string(String.valueOf(entry.getKey()));
			value(entry.getValue(), depth + 1);
		}
	}

	private void array(Object[] items, int depth) throws IOException {
		this.packer.packArrayHeader(items.length);
		for (Object item : items) {
			value(item, depth + 1);
		}
	}

	private void primitiveArray(Object array) throws IOException {
		int length = Array.getLength(array);
		this.packer.packArrayHeader(length);
		for (int i = 0; i < length; i++) {
			Object item = Array.get(array, i);
			if (item instanceof Boolean bool) {
				this.packer.packBoolean(bool);
			}
			else {
				number((Number) item);
			}
		}
	}

	private void json(JsonNode node, int depth) throws IOException {
		switch (node.getNodeType()) {
			case OBJECT -> {
				this.packer.packMapHeader(node.size());
				for (Map.Entry<String, JsonNode> field : node.properties()) {
					string(field.getKey());
					value(field.getValue(), depth + 1);
				}
			}
			case ARRAY -> {
				this.packer.packArrayHeader(node.size());
				for (JsonNode item : node) {
					value(item, depth + 1);
				}
			}
			case STRING -> string(node.textValue());
			case NUMBER -> number(node.numberValue());
			case BOOLEAN -> this.packer.packBoolean(node.booleanValue());
			case BINARY -> binary(node.binaryValue());
			case POJO -> value(((POJONode) node).getPojo(), depth + 1);
			default -> this.packer.packNil();
		}
	}

}

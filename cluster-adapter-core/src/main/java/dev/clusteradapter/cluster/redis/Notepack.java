package dev.clusteradapter.cluster.redis;

import java.util.Objects;

/**
 * The msgpack of Socket.IO's Redis adapter: notepack.io 3.0.1, byte for byte, for the
 * values Socket.IO messages carry.
 *
 * <pre>
 * Java, written                JavaScript (notepack.io 3.0.1)    msgpack, first bytes
 * ---------------------------  --------------------------------  --------------------------------------
 * null                         null, undefined (array element)   c0
 * Boolean                      boolean                           c2 | c3
 * integral number              number, Math.floor(v) === v       00-7f | e0-ff | cc cd ce cf | d0 d1 d2 d3
 *   (Integer, Long, integral     the smallest that holds it;       + 1/2/4/8 bytes, big-endian
 *    Double, BigInteger ...)     beyond 32 bits: uint64 / int64
 * other number (fraction,      number                            cb + IEEE 754 double (never float32)
 *   NaN, +-Infinity)
 * CharSequence, Character,     string                            a0-bf | d9 len8 | da len16 | db len32
 *   UUID, Enum (name)                                               + UTF-8 (lone surrogate: U+FFFD)
 * byte[], ByteBuffer           Buffer, ArrayBuffer, typed array  c4 len8 | c5 len16 | c6 len32 + bytes
 * Instant, Date (millis)       Date                              d6 ff sec32
 *                                                                | d7 ff (nsec30 sec34)
 *                                                                | c7 0c ff nsec32 sec64
 * List, Collection, array      Array                             90-9f | dc len16 | dd len32 + items
 * Map (keys as strings)        object (undefined values left     80-8f | de len16 | df len32
 *                                out, keys in Object.keys order)    + key, value, key, value ...
 * JsonNode                     the JSON value it holds           as above
 * </pre>
 *
 * Decoding gives {@code null}, {@link Boolean}, {@link Integer} or {@link Long} (an integer
 * beyond {@code Long.MAX_VALUE} as the {@link Double} JavaScript sees), {@link Double} (float32
 * and float64), {@link String}, {@code byte[]}, {@link java.time.Instant},
 * {@code ArrayList<Object>}, {@code LinkedHashMap<String, Object>} in wire order. It also reads
 * what notepack.io 2.x wrote and 3.x still reads: {@code d4 00 00} ({@code undefined}: left out
 * of a map, {@code null} in an array, as {@code JSON.stringify} does), {@code d7 00} + int64
 * milliseconds (a Date), ext 8/16/32 of type 0 (an ArrayBuffer, as {@code byte[]}). Any other
 * extension decodes as notepack hands it to JavaScript: a list {@code [type, byte[]]}.
 * <p>
 * Where Java cannot follow notepack byte for byte: an integral number of magnitude 2^64 or
 * more (below -2^63) is written as float64, because notepack's 64-bit arithmetic wraps it
 * around to another number; strings of at most 32 UTF-16 units with a lone surrogate, which
 * notepack writes as invalid UTF-8, are written with U+FFFD as its longer strings are.
 * JavaScript puts integer-like keys first in an object, ascending; a Java map is written in
 * its own order.
 * <p>
 * Decoding is safe on any input: no length is trusted beyond the bytes that are there,
 * nesting stops at {@value #MAX_DEPTH} levels, and every defect is one
 * {@link MalformedMessageException}.
 */
public final class Notepack {

	/** How deep arrays and maps may nest, as Jackson's default for JSON. */
	public static final int MAX_DEPTH = 1000;

	private Notepack() {
	}

	/**
	 * Encodes a value as notepack.io encodes the JavaScript value it stands for.
	 * @param value the value (see the table above)
	 * @return the msgpack bytes
	 * @throws IllegalArgumentException for a type that has no JavaScript counterpart, a
	 * {@code null} map key, or nesting deeper than {@value #MAX_DEPTH}
	 */
	public static byte[] encode(Object value) {
		return NotepackWriter.write(value);
	}

	/**
	 * Decodes one msgpack value that fills the whole array.
	 * @param bytes the payload
	 * @return the value
	 * @throws MalformedMessageException if the bytes are not exactly one well-formed value
	 */
	public static Object decode(byte[] bytes) {
		return decode(bytes, 0, bytes.length);
	}

	/**
	 * Decodes one msgpack value that fills a range of an array.
	 * @param bytes the array
	 * @param offset where the value starts
	 * @param length how many bytes it takes
	 * @return the value
	 * @throws MalformedMessageException if the bytes are not exactly one well-formed value
	 */
	public static Object decode(byte[] bytes, int offset, int length) {
		Objects.checkFromIndexSize(offset, length, bytes.length);
		return NotepackReader.read(bytes, offset, length);
	}

}

package dev.clusteradapter.cluster.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * JSON text of a decoded event argument made of JSON's own values only (maps with string
 * keys, lists, strings, integers, finite doubles, booleans, {@code null}), byte for byte as
 * netty-socketio's default {@code JacksonJsonSupport} writes it ({@code null} map entries
 * left out, Jackson's string escapes), without an {@code ObjectMapper} call per argument:
 * every broadcast from another node passes here once, too seldom for the JIT to make
 * Jackson's generic path cheap. Anything else (binary, dates, NaN, a lone surrogate) is
 * left to the general path.
 */
final class PlainJson {

	private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

	/** As deep as {@link Notepack} reads. */
	private static final int MAX_DEPTH = Notepack.MAX_DEPTH;

	private PlainJson() {
	}

	/**
	 * The JSON text of a value.
	 * @param value a decoded value
	 * @return its UTF-8 JSON, or {@code null} when it holds something else than JSON's values
	 */
	static byte[] write(Object value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(64);
		return value(value, out, 0) ? out.toByteArray() : null;
	}

	private static boolean value(Object value, ByteArrayOutputStream out, int depth) {
		if (depth > MAX_DEPTH) {
			return false;
		}
		if (value == null) {
			ascii("null", out);
		}
		else if (value instanceof String text) {
			return string(text, out);
		}
		else if (value instanceof Integer || value instanceof Long) {
			ascii(value.toString(), out);
		}
		else if (value instanceof Double number) {
			// Jackson writes non-finite numbers as quoted strings: left to it
			if (!Double.isFinite(number)) {
				return false;
			}
			ascii(Double.toString(number), out);
		}
		else if (value instanceof Boolean flag) {
			ascii(flag ? "true" : "false", out);
		}
		else if (value instanceof List<?> list) {
			out.write('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					out.write(',');
				}
				if (!value(list.get(i), out, depth + 1)) {
					return false;
				}
			}
			out.write(']');
		}
		else if (value instanceof Map<?, ?> map) {
			return map(map, out, depth);
		}
		else {
			return false;
		}
		return true;
	}

	private static boolean map(Map<?, ?> map, ByteArrayOutputStream out, int depth) {
		out.write('{');
		boolean first = true;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (entry.getValue() == null) {
				// netty-socketio's mapper includes non-null values only
				continue;
			}
			if (!(entry.getKey() instanceof String key)) {
				return false;
			}
			if (!first) {
				out.write(',');
			}
			first = false;
			if (!string(key, out)) {
				return false;
			}
			out.write(':');
			if (!value(entry.getValue(), out, depth + 1)) {
				return false;
			}
		}
		out.write('}');
		return true;
	}

	private static boolean string(String text, ByteArrayOutputStream out) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isSurrogate(text.charAt(i))) {
				// pairs and lone halves: Jackson's own generator decides
				return false;
			}
		}
		out.write('"');
		out.writeBytes(STRINGS.quoteAsUTF8(text));
		out.write('"');
		return true;
	}

	private static void ascii(String text, ByteArrayOutputStream out) {
		out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
	}

}

package dev.clusteradapter.cluster.redis;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusteradapter.cluster.JsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Notepack} against golden bytes from the real notepack.io 3.0.1
 * ({@code js-clients/notepack-golden.js}, output committed as
 * {@code redis/notepack-golden.jsonl}): Java writes the same bytes for its counterpart of
 * each JavaScript value, and reads every sample as JavaScript reads it.
 */
class NotepackGoldenTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HexFormat HEX = HexFormat.of();

	private static final Map<String, Object> JAVA = javaCounterparts();

	@ParameterizedTest(name = "{0}")
	@MethodSource("encodedSamples")
	void javaWritesWhatNotepackWrites(String name, JsonNode sample) {
		assertThat(JAVA).as("a Java counterpart of sample %s", name).containsKey(name);
		byte[] encoded = Notepack.encode(JAVA.get(name));
		if (sample.has("hex")) {
			assertThat(HEX.formatHex(encoded)).isEqualTo(sample.get("hex").asText());
		}
		else {
			assertThat(encoded).hasSize(sample.get("length").asInt());
			assertThat(HEX.formatHex(encoded, 0, 16)).isEqualTo(sample.get("head").asText());
			assertThat(sha256(encoded)).isEqualTo(sample.get("sha256").asText());
			assertThat(describe(Notepack.decode(encoded))).isEqualTo(describe(JAVA.get(name)));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samplesWithBytes")
	void javaReadsWhatJavaScriptReads(String name, JsonNode sample) {
		Object decoded = Notepack.decode(HEX.parseHex(sample.get("hex").asText()));
		assertThat(describe(decoded)).isEqualTo(normalize(sample.get("decoded")).toString());
	}

	@Test
	void everyJavaCounterpartHasASample() {
		assertThat(encodedSamples().map((arguments) -> arguments[0])).containsExactlyInAnyOrderElementsOf(JAVA.keySet());
	}

	@Test
	void goldenFileIsWhatTheScriptPrintsWithTheInstalledNotepack() throws Exception {
		Process process = JsClients.node("notepack-golden.js").redirectError(ProcessBuilder.Redirect.INHERIT).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor()).isZero();
		assertThat(new String(output, StandardCharsets.UTF_8)).isEqualTo(golden());
	}

	static Stream<Object[]> encodedSamples() {
		return samples().filter((sample) -> sample.get("encoded").asBoolean())
			.map((sample) -> new Object[] { sample.get("name").asText(), sample });
	}

	static Stream<Object[]> samplesWithBytes() {
		return samples().filter((sample) -> sample.has("hex"))
			.map((sample) -> new Object[] { sample.get("name").asText(), sample });
	}

	private static Stream<JsonNode> samples() {
		return golden().lines().map((line) -> {
			try {
				return JSON.readTree(line);
			}
			catch (IOException ex) {
				throw new IllegalStateException(line, ex);
			}
		});
	}

	private static String golden() {
		try (InputStream in = NotepackGoldenTests.class.getResourceAsStream("/redis/notepack-golden.jsonl")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A decoded value as the golden file describes JavaScript's: numbers as doubles, binary
	 * and dates tagged, key order kept (compared as text).
	 */
	static String describe(Object value) {
		return describeTree(value).toString();
	}

	private static JsonNode describeTree(Object value) {
		if (value == null) {
			return JSON.nullNode();
		}
		if (value instanceof Boolean bool) {
			return JSON.getNodeFactory().booleanNode(bool);
		}
		if (value instanceof String text) {
			return JSON.getNodeFactory().textNode(text);
		}
		if (value instanceof Number number) {
			double d = number.doubleValue();
			if (Double.isFinite(d)) {
				return JSON.getNodeFactory().numberNode(d);
			}
			String js = Double.isNaN(d) ? "NaN" : (d > 0) ? "Infinity" : "-Infinity";
			return JSON.createObjectNode().put("$number", js);
		}
		if (value instanceof byte[] bytes) {
			return JSON.createObjectNode().put("$bin", HEX.formatHex(bytes));
		}
		if (value instanceof Instant instant) {
			return JSON.createObjectNode().put("$date", (double) instant.toEpochMilli());
		}
		if (value instanceof List<?> list) {
			return JSON.createArrayNode().addAll(list.stream().map(NotepackGoldenTests::describeTree).toList());
		}
		if (value instanceof Map<?, ?> map) {
			ObjectNode object = JSON.createObjectNode();
			map.forEach((key, item) -> object.set((String) key, describeTree(item)));
			return object;
		}
		throw new IllegalArgumentException("Not a decoded value: " + value.getClass());
	}

	private static JsonNode normalize(JsonNode node) {
		if (node.isNumber()) {
			return JSON.getNodeFactory().numberNode(node.doubleValue());
		}
		if (node.isArray()) {
			return JSON.createArrayNode().addAll(node.valueStream().map(NotepackGoldenTests::normalize).toList());
		}
		if (node.isObject()) {
			ObjectNode object = JSON.createObjectNode();
			node.properties().forEach((field) -> object.set(field.getKey(), normalize(field.getValue())));
			return object;
		}
		return node;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] pattern(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31);
		}
		return bytes;
	}

	private static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private static Map<String, Object> javaCounterparts() {
		Map<String, Object> java = new LinkedHashMap<>();
		java.put("nil", null);
		// Java has no undefined: null is what notepack writes for it
		java.put("undefined", null);
		java.put("true", true);
		java.put("false", false);
		java.put("int-0", 0);
		java.put("int-minus-0", -0.0);
		java.put("int-1", (byte) 1);
		java.put("int-127", (short) 127);
		java.put("int-128", 128);
		java.put("int-255", 255L);
		java.put("int-256", 256.0);
		java.put("int-65535", 65535);
		java.put("int-65536", 65536);
		java.put("int-2^32-1", 4294967295L);
		java.put("int-2^32", 4294967296L);
		java.put("int-2^53-1", 9007199254740991L);
		java.put("int-2^63", 0x1p63);
		java.put("int-minus-1", -1);
		java.put("int-minus-32", -32);
		java.put("int-minus-33", -33);
		java.put("int-minus-128", -128);
		java.put("int-minus-129", -129);
		java.put("int-minus-32768", -32768);
		java.put("int-minus-32769", -32769);
		java.put("int-minus-2^31", Integer.MIN_VALUE);
		java.put("int-minus-2^31-1", -2147483649L);
		java.put("int-minus-2^53+1", BigInteger.valueOf(-9007199254740991L));
		java.put("int-minus-2^63", Long.MIN_VALUE);
		java.put("float-0.5", 0.5);
		java.put("float-minus-1.5", -1.5f);
		java.put("float-pi", Math.PI);
		java.put("float-1e-7", 1e-7);
		java.put("float-1+ulp", 1.0000000000000002);
		java.put("float-nan", Double.NaN);
		java.put("float-infinity", Double.POSITIVE_INFINITY);
		java.put("float-minus-infinity", Float.NEGATIVE_INFINITY);
		java.put("str-empty", "");
		java.put("str-a", 'a');
		java.put("str-31", "x".repeat(31));
		java.put("str-32", new StringBuilder("x".repeat(32)));
		java.put("str-255", "x".repeat(255));
		java.put("str-256", "x".repeat(256));
		java.put("str-65535", "x".repeat(65535));
		java.put("str-65536", "x".repeat(65536));
		java.put("str-latin", "h\u00e9llo");
		java.put("str-cjk", "\u65e5\u672c\u8a9e");
		java.put("str-emoji", "\ud83d\ude00");
		java.put("str-long-mixed", "h\u00e9llo \u2603 \ud83d\ude00 ".repeat(5));
		java.put("str-long-lone-surrogate", "x".repeat(40) + "\ud800" + "y");
		java.put("bin-empty", new byte[0]);
		java.put("bin-5", new byte[] { 0, 1, 2, (byte) 250, (byte) 255 });
		java.put("bin-255", pattern(255));
		java.put("bin-256", pattern(256));
		java.put("bin-65536", pattern(65536));
		java.put("arraybuffer-3", ByteBuffer.wrap(new byte[] { 6, 7, 8, 9 }).position(1));
		java.put("uint8array-3", new byte[] { 7, 8, 9 });
		java.put("date-epoch", Instant.EPOCH);
		java.put("date-2023", new Date(1700000000000L));
		java.put("date-2023-millis", Instant.ofEpochMilli(1700000000123L).plusNanos(456_789));
		java.put("date-2^32-seconds", Instant.ofEpochSecond(1L << 32));
		java.put("date-before-epoch", Instant.ofEpochMilli(-1000));
		java.put("date-minus-1ms", Instant.ofEpochMilli(-1));
		java.put("date-far", Instant.ofEpochMilli(8_640_000_000_000_000L));
		java.put("array-empty", List.of());
		java.put("array-mixed", new Object[] { 1, "a", null, true, 1.5 });
		java.put("array-15", new int[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 });
		java.put("array-16", Stream.iterate(0, (i) -> i + 1).limit(16).toList());
		java.put("array-undefined", Arrays.asList(null, 1));
		java.put("array-nested", List.of(List.of(List.of(List.of())), List.of(Map.of())));
		java.put("map-empty", Map.of());
		java.put("map-one", Map.of("a", 1));
		ObjectNode fifteen = JSON.createObjectNode();
		for (int i = 0; i < 15; i++) {
			fifteen.put("k" + i, i);
		}
		java.put("map-15", fifteen);
		Map<String, Object> sixteen = new LinkedHashMap<>();
		for (int i = 0; i < 16; i++) {
			sixteen.put("k" + i, (long) i);
		}
		java.put("map-16", sixteen);
		// a JavaScript property set to undefined is left out; Java only has the others
		java.put("map-undefined-value", map("a", 1, "c", null));
		java.put("map-unicode-key", Map.of("h\u00e9", "\u2603"));
		java.put("classic-broadcast",
				List.of("AbC-_1", map("type", 2, "data", List.of("event", Map.of("x", 1), new byte[] { 1, 2 }), "nsp", "/"),
						map("rooms", List.of("room1"), "except", List.of("ab12"), "flags", Map.of("volatile", true))));
		ObjectNode sharded = JSON.createObjectNode().put("uid", "0123456789abcdef").put("nsp", "/").put("type", 3);
		ObjectNode packet = sharded.putObject("data").putObject("packet").put("type", 2);
		packet.putArray("data").add("bin").add(new byte[] { (byte) 255 });
		packet.put("nsp", "/");
		ObjectNode opts = ((ObjectNode) sharded.get("data")).putObject("opts");
		opts.putArray("rooms");
		opts.putArray("except");
		opts.putObject("flags");
		java.put("sharded-message", sharded);
		return java;
	}

}

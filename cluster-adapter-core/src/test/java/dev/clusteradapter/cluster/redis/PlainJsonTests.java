package dev.clusteradapter.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.adapter.EncodedArgs;
import dev.clusteradapter.cluster.adapter.WireValues;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PlainJson}: the same JSON as the general path (netty-socketio's default
 * {@code JacksonJsonSupport} behind {@link WireValues#encode}) for every value a broadcast
 * from another node can carry, or none at all.
 */
class PlainJsonTests {

	private final WireValues values = new WireValues();

	@Test
	void writesWhatTheGeneralPathWrites() {
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("text", "quote \" backslash \\ slash / tab \t newline \n bell \u0007 del \u007f");
		nested.put("unicode", "é 中文 ü");
		nested.put("absent", null);
		nested.put("int", 42);
		nested.put("long", 1L << 40);
		nested.put("negative", -7);
		nested.put("double", 1.5);
		nested.put("small", 1.0E-7);
		nested.put("large", 1.0E21);
		nested.put("integral double", 3.0);
		nested.put("flags", List.of(true, false));
		nested.put("list with null", Arrays.asList(1, null, "x"));
		nested.put("empty map", Map.of());
		nested.put("empty list", List.of());
		nested.put("deeper", Map.of("a", List.of(Map.of("b", "c"))));
		for (Object value : List.of("", "plain", 0, -1, Long.MIN_VALUE, Integer.MAX_VALUE, 0.1, -2.5e-300, true,
				List.of(), List.of("a", 1, 2.5), nested)) {
			assertThat(PlainJson.write(value)).as("%s", value).isNotNull();
			assertThat(text(PlainJson.write(value))).as("%s", value).isEqualTo(generalPath(value));
		}
		assertThat(text(PlainJson.write(null))).isEqualTo(generalPath(null));
	}

	@Test
	void leavesEverythingElseToTheGeneralPath() {
		for (Object value : List.of(new byte[] { 1 }, Instant.EPOCH, Double.NaN, Double.POSITIVE_INFINITY, "lone \ud800",
				"pair \ud83d\ude00", List.of("ok", new byte[] { 2 }), Map.of("when", Instant.EPOCH), Map.of(1, "key"),
				new Object())) {
			assertThat(PlainJson.write(value)).as("%s", value).isNull();
		}
	}

	@Test
	void stopsAtTheDepthNotepackReads() {
		Object deep = "leaf";
		for (int i = 0; i <= Notepack.MAX_DEPTH + 1; i++) {
			deep = List.of(deep);
		}
		assertThat(PlainJson.write(deep)).isNull();
	}

	private String generalPath(Object value) {
		EncodedArgs encoded = this.values.encode(Arrays.asList(value));
		assertThat(encoded.kinds()[0]).isEqualTo(EncodedArgs.JSON);
		return text(encoded.values().get(0));
	}

	private static String text(byte[] json) {
		return new String(json, StandardCharsets.UTF_8);
	}

}

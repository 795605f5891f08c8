package dev.clusteradapter.cluster.redis;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Notepack}: the Java side of the mapping (types the golden samples do not cover,
 * and the places where Java deliberately differs from notepack).
 */
class NotepackTests {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void everyJavaNumberTypeOfOneValueWritesTheSameBytes() {
		for (long value : new long[] { 0, 1, -1, 127, 128, -33, 300, -40000, 70000, 1L << 40, -(1L << 40),
				Long.MAX_VALUE >> 11 }) {
			String expected = hex(value);
			for (Object same : List.of(BigInteger.valueOf(value), new BigDecimal(value).setScale(3),
					(double) value, new AtomicLong(value))) {
				assertThat(hex(same)).as("%s as %s", value, same.getClass().getSimpleName()).isEqualTo(expected);
			}
		}
		assertThat(hex((short) -300)).isEqualTo(hex(-300));
		assertThat(hex((byte) -3)).isEqualTo("fd");
		assertThat(hex(2.5f)).isEqualTo(hex(2.5));
	}

	@Test
	void aFractionIsADoubleEvenWhenItCameAsADecimal() {
		assertThat(hex(new BigDecimal("1.25"))).isEqualTo("cb3ff4000000000000");
		assertThat(Notepack.decode(Notepack.encode(new BigDecimal("0.1")))).isEqualTo(0.1);
	}

	@Test
	void integersBeyondSixtyFourBitsTravelAsTheirDouble() {
		// notepack's 64-bit arithmetic would wrap these around to other numbers
		for (Object huge : List.of(0x1p64, -0x1p64, 1e300, BigInteger.ONE.shiftLeft(64), new BigDecimal("1E+1000000"))) {
			byte[] encoded = Notepack.encode(huge);
			assertThat(encoded[0]).as("%s", huge).isEqualTo((byte) 0xcb);
			assertThat(Notepack.decode(encoded)).as("%s", huge).isEqualTo(((Number) huge).doubleValue());
		}
		assertThat(hex(new BigInteger("18446744073709551615"))).isEqualTo("cfffffffffffffffff");
	}

	@Test
	void decodedIntegersAreIntegersWhenTheyFitAndLongsOtherwise() {
		assertThat(Notepack.decode(Notepack.encode(5L))).isEqualTo(5);
		assertThat(Notepack.decode(Notepack.encode(-2147483648L))).isEqualTo(Integer.MIN_VALUE);
		assertThat(Notepack.decode(Notepack.encode(4294967295L))).isEqualTo(4294967295L);
		assertThat(Notepack.decode(Notepack.encode(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
		assertThat(Notepack.decode(HEX.parseHex("cfffffffffffffffff"))).isEqualTo(0x1p64);
	}

	@Test
	void containersPickTheirThirtyTwoBitHeadersAtSixtyFiveThousandFiveHundredThirtySix() {
		assertThat(Notepack.encode(new int[65535])).startsWith(0xdc, 0xff, 0xff);
		assertThat(Notepack.encode(new int[65536])).startsWith(0xdd, 0x00, 0x01, 0x00, 0x00);
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < 65536; i++) {
			map.put(Integer.toString(i), i);
		}
		byte[] encoded = Notepack.encode(map);
		assertThat(encoded).startsWith(0xdf, 0x00, 0x01, 0x00, 0x00);
		assertThat(Notepack.decode(encoded)).isEqualTo(map);
	}

	@Test
	void aShortStringWithALoneSurrogateGetsTheReplacementCharacter() {
		// notepack writes invalid UTF-8 here (its own short-string path); Node's Buffer,
		// used for longer strings, and Java write U+FFFD
		assertThat(hex("a\udc00")).isEqualTo("a461efbfbd");
		assertThat(hex("\ud800")).isEqualTo("a3efbfbd");
	}

	@Test
	void otherJavaTypesMapAsJacksonWouldWriteThem() {
		UUID uuid = UUID.randomUUID();
		assertThat(Notepack.decode(Notepack.encode(uuid))).isEqualTo(uuid.toString());
		assertThat(Notepack.decode(Notepack.encode(Thread.State.NEW))).isEqualTo("NEW");
		assertThat(Notepack.decode(Notepack.encode(new char[] { 'h', 'i' }))).isEqualTo("hi");
		assertThat(Notepack.decode(Notepack.encode(new boolean[] { true, false }))).isEqualTo(List.of(true, false));
		assertThat(Notepack.decode(Notepack.encode(new double[] { 1, 1.5 }))).isEqualTo(List.of(1, 1.5));
		Map<Object, Object> numericKeys = new LinkedHashMap<>();
		numericKeys.put(1, "a");
		assertThat(Notepack.decode(Notepack.encode(numericKeys))).isEqualTo(Map.of("1", "a"));
	}

	@Test
	void jacksonTreesWriteTheValueTheyHold() {
		ObjectMapper mapper = new ObjectMapper();
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("text", "h\u00e9");
		value.put("list", Arrays.asList(1, 2.5, true, null, 1L << 40));
		value.put("nested", Map.of("a", "b"));
		assertThat(Notepack.encode(mapper.valueToTree(value))).isEqualTo(Notepack.encode(value));
		assertThat(Notepack.encode(mapper.getNodeFactory().pojoNode(List.of(1)))).isEqualTo(Notepack.encode(List.of(1)));
		assertThat(Notepack.encode(mapper.missingNode())).isEqualTo(new byte[] { (byte) 0xc0 });
	}

	@Test
	void writingAByteBufferLeavesItsPositionAlone() {
		ByteBuffer buffer = ByteBuffer.wrap(new byte[] { 1, 2, 3 }).position(1);
		assertThat(hex(buffer)).isEqualTo("c4020203");
		assertThat(buffer.position()).isEqualTo(1);
	}

	@Test
	void instantsKeepMillisecondsAsAJavaScriptDate() {
		Instant instant = Instant.parse("2024-01-02T03:04:05.678901234Z");
		assertThat(Notepack.decode(Notepack.encode(instant))).isEqualTo(Instant.parse("2024-01-02T03:04:05.678Z"));
	}

	@Test
	void aDecodedMapKeepsWireOrderAndTheLastOfADuplicateKey() {
		Object decoded = Notepack.decode(HEX.parseHex("83a17a01a16102a17a03"));
		assertThat(decoded).isInstanceOf(LinkedHashMap.class);
		assertThat(List.copyOf(((Map<?, ?>) decoded).keySet())).isEqualTo(List.of("z", "a"));
		assertThat(decoded).isEqualTo(Map.of("z", 3, "a", 2));
	}

	@Test
	void decodesARangeOfAnArray() {
		byte[] bytes = HEX.parseHex("ffff92a16101ffff");
		assertThat(Notepack.decode(bytes, 2, 4)).isEqualTo(List.of("a", 1));
	}

	@Test
	void refusesWhatHasNoJavaScriptCounterpart() {
		assertThatIllegalArgumentException().isThrownBy(() -> Notepack.encode(new Object()))
			.withMessageContaining("java.lang.Object")
			.withMessageContaining("valueToTree");
		Map<String, Object> nullKey = new HashMap<>();
		nullKey.put(null, 1);
		assertThatIllegalArgumentException().isThrownBy(() -> Notepack.encode(nullKey)).withMessageContaining("null map key");
		List<Object> cycle = new ArrayList<>();
		cycle.add(cycle);
		assertThatIllegalArgumentException().isThrownBy(() -> Notepack.encode(cycle))
			.withMessageContaining("deeper than " + Notepack.MAX_DEPTH);
	}

	private static String hex(Object value) {
		return HEX.formatHex(Notepack.encode(value));
	}

}

package dev.clusteradapter.cluster.redis;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Property tests for {@link Notepack#decode(byte[])}, which reads whatever anyone publishes
 * on a Redis channel: it returns a value or throws {@link MalformedMessageException}, never
 * anything else, and allocates no more than the input can justify.
 */
class NotepackFuzzTests {

	private static final HexFormat HEX = HexFormat.of();

	private static final byte[] SAMPLE = Notepack.encode(List.of("AbC-_1",
			Map.of("type", 2, "data", List.of("event", Map.of("x", 1.5, "y", List.of()), new byte[] { 1, 2 }), "nsp", "/"),
			Map.of("rooms", List.of("room1"), "except", List.of(), "flags", Map.of("volatile", true, "timeout", 70000))));

	@RepeatedTest(300)
	void randomBytesDecodeOrFailCleanly() {
		long seed = new Random().nextLong();
		Random random = new Random(seed);
		byte[] garbage = new byte[random.nextInt(200)];
		random.nextBytes(garbage);
		assertDecodesOrIsMalformed(garbage, "seed " + seed);
	}

	@RepeatedTest(300)
	void mutatedMessagesDecodeOrFailCleanly() {
		long seed = new Random().nextLong();
		Random random = new Random(seed);
		byte[] mutated = SAMPLE.clone();
		for (int i = 1 + random.nextInt(4); i > 0; i--) {
			mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
		}
		assertDecodesOrIsMalformed(mutated, "seed " + seed);
	}

	@Test
	void everyTruncationIsMalformed() {
		for (int length = 0; length < SAMPLE.length; length++) {
			byte[] truncated = Arrays.copyOf(SAMPLE, length);
			assertThatExceptionOfType(MalformedMessageException.class).as("cut at %d", length)
				.isThrownBy(() -> Notepack.decode(truncated));
		}
	}

	@Test
	void trailingBytesAreMalformed() {
		byte[] longer = Arrays.copyOf(SAMPLE, SAMPLE.length + 1);
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> Notepack.decode(longer))
			.withMessageContaining("1 trailing bytes");
	}

	@Test
	void absurdLengthsAreMalformedWithoutAllocatingThem() {
		String[] headers = { "dbffffffff", "c6ffffffff", "ddffffffff", "dfffffffff", "c9ffffffff01", "daffff",
				"c5ffff", "dcffff", "deffff", "c8ffff01", "d9ff", "c4ff", "c7ff01", "dd7fffffff", "df40000000",
				"9f", "8f", "dc0002c0", "de0001a161" };
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		for (String header : headers) {
			byte[] bytes = HEX.parseHex(header + "0000");
			long before = threads.getCurrentThreadAllocatedBytes();
			assertThatExceptionOfType(MalformedMessageException.class).as(header)
				.isThrownBy(() -> Notepack.decode(bytes));
			long allocated = threads.getCurrentThreadAllocatedBytes() - before;
			assertThat(allocated).as("bytes allocated for %s", header).isLessThan(1 << 20);
		}
	}

	@Test
	void nestingStopsAtTheLimitInsteadOfTheStack() {
		assertThat(Notepack.decode(nested(Notepack.MAX_DEPTH))).isInstanceOf(List.class);
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> Notepack.decode(nested(Notepack.MAX_DEPTH + 1)))
			.withMessageContaining("deeper than " + Notepack.MAX_DEPTH);
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> Notepack.decode(nested(1_000_000)));
	}

	@Test
	void bytesMsgpackNeverUsesAndBadKeysAreMalformed() {
		for (String hex : new String[] { "", "c1", "81c101", "81c001", "8190c0", "81cb3ff000000000000001",
				"81cfffffffffffffffff01", "d70000", "c70aff00000000000000000000", "d7ff0000000000000000ffff" }) {
			assertThatExceptionOfType(MalformedMessageException.class).as(hex)
				.isThrownBy(() -> Notepack.decode(HEX.parseHex(hex)));
		}
	}

	@Test
	void timestampsBeyondJavasInstantAreMalformed() {
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> Notepack.decode(HEX.parseHex("c70cff000000007fffffffffffffff")));
	}

	/** {@code depth} arrays, each holding the next, around one nil. */
	private static byte[] nested(int depth) {
		byte[] bytes = new byte[depth + 1];
		Arrays.fill(bytes, 0, depth, (byte) 0x91);
		bytes[depth] = (byte) 0xc0;
		return bytes;
	}

	private static void assertDecodesOrIsMalformed(byte[] bytes, String description) {
		Throwable thrown = catchThrowable(() -> Notepack.decode(bytes));
		if (thrown != null) {
			assertThat(thrown).as(description + ": " + HEX.formatHex(bytes)).isInstanceOf(MalformedMessageException.class);
		}
	}

}

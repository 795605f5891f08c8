package dev.clusteradapter.cluster.supervisor;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PrefixedLineRelay}.
 */
class PrefixedLineRelayTests {

	private final CapturedOutput out = new CapturedOutput();

	@Test
	void prefixesEveryLineAndTerminatesTheLastOne() {
		byte[] text = "first\nsecond\r\nlast".getBytes(StandardCharsets.UTF_8);
		PrefixedLineRelay.start("relay", new ByteArrayInputStream(text), new OutputLabel("worker-7"), this.out.stream())
			.join();
		assertThat(this.out.lines()).containsExactly("[worker-7] first", "[worker-7] second", "[worker-7] last");
	}

	@Test
	void keepsNonAsciiBytesIntact() {
		byte[] text = "héllo wörld ✓\n".getBytes(StandardCharsets.UTF_8);
		PrefixedLineRelay.start("relay", new ByteArrayInputStream(text), new OutputLabel("w"), this.out.stream()).join();
		assertThat(this.out.lines()).containsExactly("[w] héllo wörld ✓");
	}

	@Test
	void relaysEachLineAsItArrivesAndFinishesAtEndOfStream() throws Exception {
		PipedOutputStream writer = new PipedOutputStream();
		PipedInputStream reader = new PipedInputStream(writer);
		CompletableFuture<Void> finished = PrefixedLineRelay.start("relay", reader, new OutputLabel("w"),
				this.out.stream());
		writer.write("one\npartial".getBytes(StandardCharsets.UTF_8));
		writer.flush();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.out.lines().contains("[w] one"));
		assertThat(this.out.lines()).containsExactly("[w] one");
		assertThat(finished).isNotDone();
		writer.close();
		finished.get();
		assertThat(this.out.lines()).containsExactly("[w] one", "[w] partial");
	}

}

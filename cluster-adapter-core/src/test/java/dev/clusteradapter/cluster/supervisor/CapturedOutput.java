package dev.clusteradapter.cluster.supervisor;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lines written by the code under test, collected for assertions.
 */
final class CapturedOutput {

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final PrintStream stream = new PrintStream(this.bytes, true, StandardCharsets.UTF_8);

	private final List<String> lines = new CopyOnWriteArrayList<>();

	/** A stream to hand to the code under test. */
	PrintStream stream() {
		return this.stream;
	}

	/** Lines written so far to {@link #stream()} or read by {@link #follow(InputStream)}. */
	List<String> lines() {
		List<String> written = this.bytes.toString(StandardCharsets.UTF_8).lines().toList();
		return written.isEmpty() ? List.copyOf(this.lines) : written;
	}

	/** Pid at the end of the first line starting with {@code prefix}, {@code -1} if none yet. */
	long pidAfter(String prefix) {
		return lines().stream()
			.filter((line) -> line.startsWith(prefix))
			.map((line) -> Long.parseLong(line.substring(prefix.length()).trim().split(" ")[0]))
			.findFirst()
			.orElse(-1L);
	}

	/** Collects the lines of a stream on a daemon thread. */
	static CapturedOutput follow(InputStream in) {
		CapturedOutput output = new CapturedOutput();
		Thread thread = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					output.lines.add(line);
				}
			}
			catch (IOException ex) {
				// the process went away
			}
		}, "captured-output");
		thread.setDaemon(true);
		thread.start();
		return output;
	}

}

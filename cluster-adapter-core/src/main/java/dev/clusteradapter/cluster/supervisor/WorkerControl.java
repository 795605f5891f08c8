package dev.clusteradapter.cluster.supervisor;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * The lines a primary writes on a worker's standard input, the one channel it has to a
 * worker JVM that has not linked yet (or no longer can):
 *
 * <pre>
 * stop\n          the primary stops this worker on purpose: leave now, with status 0
 * adopt &lt;id&gt;\n    a standby JVM becomes worker &lt;id&gt; (1..65535)
 * </pre>
 *
 * ASCII, one command a line; anything else is ignored. End-of-file means the primary is
 * gone (see {@link ParentWatch}).
 */
final class WorkerControl {

	/** Longest line a worker reads; longer ones are discarded. */
	static final int MAX_LINE = 64;

	static final String STOP = "stop";

	static final String ADOPT = "adopt ";

	private WorkerControl() {
	}

	static byte[] stop() {
		return line(STOP);
	}

	static byte[] adopt(int id) {
		return line(ADOPT + id);
	}

	/**
	 * The worker id of an {@code adopt} line.
	 * @param line a line without its end
	 * @return the id, or empty when the line is not a well-formed {@code adopt}
	 */
	static OptionalInt adoptedId(String line) {
		if (!line.startsWith(ADOPT)) {
			return OptionalInt.empty();
		}
		try {
			int id = Integer.parseInt(line.substring(ADOPT.length()));
			return (id > 0 && id <= 0xFFFF) ? OptionalInt.of(id) : OptionalInt.empty();
		}
		catch (NumberFormatException ex) {
			return OptionalInt.empty();
		}
	}

	private static byte[] line(String command) {
		return (command + "\n").getBytes(StandardCharsets.US_ASCII);
	}

}

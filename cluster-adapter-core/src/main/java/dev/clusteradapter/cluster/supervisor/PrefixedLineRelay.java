package dev.clusteradapter.cluster.supervisor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Copies a worker's output stream to one of this JVM's, line by line, each line prefixed,
 * on a daemon thread. Works on bytes so that the worker's text reaches the console in the
 * encoding the worker wrote it.
 */
final class PrefixedLineRelay implements Runnable {

	private static final int MAX_LINE = 64 * 1024;

	private final InputStream in;

	private final byte[] prefix;

	private final PrintStream out;

	private final CompletableFuture<Void> finished = new CompletableFuture<>();

	private PrefixedLineRelay(InputStream in, String prefix, PrintStream out) {
		this.in = in;
		this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
		this.out = out;
	}

	/**
	 * Starts relaying on a new daemon thread.
	 * @param threadName name of the thread
	 * @param in the stream to read until its end
	 * @param prefix text put before every line
	 * @param out where the lines go
	 * @return completed once the end of {@code in} was reached and every line written
	 */
	static CompletableFuture<Void> start(String threadName, InputStream in, String prefix, PrintStream out) {
		PrefixedLineRelay relay = new PrefixedLineRelay(in, prefix, out);
		Thread thread = new Thread(relay, threadName);
		thread.setDaemon(true);
		thread.start();
		return relay.finished;
	}

	@Override
	public void run() {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try (this.in) {
			int read;
			while ((read = this.in.read(buffer)) != -1) {
				for (int i = 0; i < read; i++) {
					line.write(buffer[i]);
					if (buffer[i] == '\n' || line.size() >= MAX_LINE) {
						emit(line);
					}
				}
			}
		}
		catch (IOException ex) {
			// the stream closes under us when the worker's pipe goes away: nothing left to copy
		}
		finally {
			emit(line);
			this.finished.complete(null);
		}
	}

	private void emit(ByteArrayOutputStream line) {
		if (line.size() == 0) {
			return;
		}
		byte[] text = line.toByteArray();
		boolean terminated = text[text.length - 1] == '\n';
		byte[] record = new byte[this.prefix.length + text.length + (terminated ? 0 : 1)];
		System.arraycopy(this.prefix, 0, record, 0, this.prefix.length);
		System.arraycopy(text, 0, record, this.prefix.length, text.length);
		if (!terminated) {
			record[record.length - 1] = '\n';
		}
		// one write per line: PrintStream serialises writes, so lines of different workers
		// never interleave within a line
		this.out.write(record, 0, record.length);
		this.out.flush();
		line.reset();
	}

}

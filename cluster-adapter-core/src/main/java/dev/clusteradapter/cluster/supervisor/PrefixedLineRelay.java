package dev.clusteradapter.cluster.supervisor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;

/**
 * Copies a worker's output stream to one of this JVM's, line by line, each line prefixed,
 * on a daemon thread. Works on bytes so that the worker's text reaches the console in the
 * encoding the worker wrote it.
 */
final class PrefixedLineRelay implements Runnable {

	private static final int MAX_LINE = 64 * 1024;

	private final InputStream in;

	private final OutputLabel label;

	private final PrintStream out;

	private final CompletableFuture<Void> finished = new CompletableFuture<>();

	private PrefixedLineRelay(InputStream in, OutputLabel label, PrintStream out) {
		this.in = in;
		this.label = label;
		this.out = out;
	}

	/**
	 * Starts relaying on a new daemon thread.
	 * @param threadName name of the thread
	 * @param in the stream to read until its end
	 * @param label what is put before every line, as of when the line is written
	 * @param out where the lines go
	 * @return completed once the end of {@code in} was reached and every line written
	 */
	static CompletableFuture<Void> start(String threadName, InputStream in, OutputLabel label, PrintStream out) {
		PrefixedLineRelay relay = new PrefixedLineRelay(in, label, out);
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
		byte[] prefix = this.label.prefix();
		boolean terminated = text[text.length - 1] == '\n';
		byte[] record = new byte[prefix.length + text.length + (terminated ? 0 : 1)];
		System.arraycopy(prefix, 0, record, 0, prefix.length);
		System.arraycopy(text, 0, record, prefix.length, text.length);
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

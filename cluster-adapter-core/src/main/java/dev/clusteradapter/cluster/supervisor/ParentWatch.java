package dev.clusteradapter.cluster.supervisor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker side of the primary's control channel: reads this JVM's standard input, a pipe
 * that the primary holds open, line by line ({@link WorkerControl}).
 * <ul>
 * <li>{@code stop}: the primary stops this worker on purpose. Logged at INFO; the callback
 * runs with {@link Reason#STOP_REQUESTED} (typically: close the application, exit 0). The
 * primary kills the JVM if it has not ended within its grace period.</li>
 * <li>{@code adopt <id>}: this standby JVM becomes worker {@code id}; told to the adoption
 * callback.</li>
 * <li>End-of-file: the primary is gone, whatever killed it ({@code kill -9} included), since
 * the kernel closes the pipe with the process. Logged at WARN; the callback runs with
 * {@link Reason#PRIMARY_GONE} and, should that not end the JVM in time, the JVM is
 * halted.</li>
 * </ul>
 * <p>
 * Only for JVMs forked by a {@link WorkerSupervisor} (see
 * {@link WorkerEnvironment#isForkedWorker()}): elsewhere standard input may be a terminal
 * or {@code /dev/null}, which reads end-of-file at once.
 */
public final class ParentWatch {

	/** Default bound between the primary's death and this JVM's halt. */
	public static final Duration DEFAULT_EXIT_DEADLINE = Duration.ofSeconds(8);

	/** Exit status of a JVM halted because its callback did not end it in time. */
	public static final int HALT_STATUS = 70;

	private static final Logger logger = LoggerFactory.getLogger(ParentWatch.class);

	private final InputStream parentPipe;

	private final Consumer<Reason> onLeave;

	private final IntConsumer onAdopted;

	private final Duration exitDeadline;

	private final Runnable halt;

	private boolean stopRequested;

	ParentWatch(InputStream parentPipe, Consumer<Reason> onLeave, IntConsumer onAdopted, Duration exitDeadline,
			Runnable halt) {
		this.parentPipe = Objects.requireNonNull(parentPipe, "parentPipe");
		this.onLeave = Objects.requireNonNull(onLeave, "onLeave");
		this.onAdopted = Objects.requireNonNull(onAdopted, "onAdopted");
		this.exitDeadline = Objects.requireNonNull(exitDeadline, "exitDeadline");
		this.halt = Objects.requireNonNull(halt, "halt");
	}

	/**
	 * Starts watching {@link System#in} on a daemon thread.
	 * @param onLeave run once when this worker must leave, with the reason; typically
	 * closes the application context and calls {@link System#exit(int)}
	 * @param onAdopted told the worker id when the primary adopts this standby JVM
	 * @param exitDeadline how long after the primary's death the JVM is halted at the
	 * latest, whatever {@code onLeave} does
	 */
	public static void start(Consumer<Reason> onLeave, IntConsumer onAdopted, Duration exitDeadline) {
		new ParentWatch(System.in, onLeave, onAdopted, exitDeadline, () -> Runtime.getRuntime().halt(HALT_STATUS))
			.startThread();
	}

	void startThread() {
		Thread thread = new Thread(this::watch, "parent-watch");
		thread.setDaemon(true);
		thread.start();
	}

	void watch() {
		readUntilEndOfInput();
		// armed before the callback, which may block or hang in shutdown hooks; a daemon
		// thread keeps running while shutdown hooks do
		Thread deadline = new Thread(this::haltAtDeadline, "parent-watch-deadline");
		deadline.setDaemon(true);
		deadline.start();
		if (this.stopRequested) {
			// the primary died while this worker was leaving: nobody else will end it
			logger.info("Primary process is gone while this worker stops");
			return;
		}
		logger.warn("Primary process is gone (end of standard input): leaving");
		leave(Reason.PRIMARY_GONE);
	}

	private void readUntilEndOfInput() {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		boolean discarding = false;
		byte[] buffer = new byte[256];
		try {
			int read;
			while ((read = this.parentPipe.read(buffer)) != -1) {
				for (int i = 0; i < read; i++) {
					if (buffer[i] == '\n') {
						if (!discarding) {
							command(line.toString(StandardCharsets.US_ASCII).strip());
						}
						line.reset();
						discarding = false;
					}
					else if (line.size() < WorkerControl.MAX_LINE) {
						line.write(buffer[i]);
					}
					else {
						discarding = true;
					}
				}
			}
		}
		catch (IOException ex) {
			// a broken pipe means the same as end-of-file
		}
	}

	private void command(String line) {
		if (line.equals(WorkerControl.STOP)) {
			if (!this.stopRequested) {
				this.stopRequested = true;
				logger.info("The primary stops this worker: leaving");
				// off this thread, which must go on reading to notice the primary's death
				Thread stop = new Thread(() -> leave(Reason.STOP_REQUESTED), "parent-watch-stop");
				stop.setDaemon(true);
				stop.start();
			}
			return;
		}
		OptionalInt adopted = WorkerControl.adoptedId(line);
		if (adopted.isPresent()) {
			logger.info("Adopted by the primary as worker {}", adopted.getAsInt());
			this.onAdopted.accept(adopted.getAsInt());
		}
		else if (!line.isEmpty()) {
			logger.debug("Ignoring an unknown line from the primary: {}", line);
		}
	}

	private void leave(Reason reason) {
		try {
			this.onLeave.accept(reason);
		}
		catch (RuntimeException ex) {
			logger.error("Shutdown failed", ex);
			this.halt.run();
		}
	}

	private void haltAtDeadline() {
		try {
			Thread.sleep(this.exitDeadline.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		logger.error("Still alive {} after the primary's death: halting", this.exitDeadline);
		this.halt.run();
	}

	/**
	 * Why a worker leaves.
	 */
	public enum Reason {

		/** The primary stops this worker on purpose: a clean exit, status 0. */
		STOP_REQUESTED,

		/** The primary is gone: its standard input reached end-of-file. */
		PRIMARY_GONE

	}

}

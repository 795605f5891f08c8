package dev.clusteradapter.cluster.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker side of the parent-death signal: reads this JVM's standard input, a pipe that
 * the primary holds open and never writes, until end-of-file. End-of-file means the
 * primary is gone, whatever killed it ({@code kill -9} included), since the kernel closes
 * the pipe with the process. Then runs a callback (closing the application) and, should
 * that not end the JVM in time, halts it.
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

	private final Runnable onParentGone;

	private final Duration exitDeadline;

	private final Runnable halt;

	ParentWatch(InputStream parentPipe, Runnable onParentGone, Duration exitDeadline, Runnable halt) {
		this.parentPipe = Objects.requireNonNull(parentPipe, "parentPipe");
		this.onParentGone = Objects.requireNonNull(onParentGone, "onParentGone");
		this.exitDeadline = Objects.requireNonNull(exitDeadline, "exitDeadline");
		this.halt = Objects.requireNonNull(halt, "halt");
	}

	/**
	 * Starts watching {@link System#in} on a daemon thread.
	 * @param onParentGone run once the primary is gone, on the watching thread; typically
	 * closes the application context and calls {@link System#exit(int)}
	 * @param exitDeadline how long after the primary's death the JVM is halted at the
	 * latest, whatever {@code onParentGone} does
	 */
	public static void start(Runnable onParentGone, Duration exitDeadline) {
		new ParentWatch(System.in, onParentGone, exitDeadline, () -> Runtime.getRuntime().halt(HALT_STATUS))
			.startThread();
	}

	void startThread() {
		Thread thread = new Thread(this::watch, "parent-watch");
		thread.setDaemon(true);
		thread.start();
	}

	void watch() {
		awaitEndOfInput();
		logger.warn("Primary process is gone (end of standard input): leaving");
		// armed before the callback, which may block or hang in shutdown hooks; a daemon
		// thread keeps running while shutdown hooks do
		Thread deadline = new Thread(this::haltAtDeadline, "parent-watch-deadline");
		deadline.setDaemon(true);
		deadline.start();
		try {
			this.onParentGone.run();
		}
		catch (RuntimeException ex) {
			logger.error("Shutdown after the primary's death failed", ex);
			this.halt.run();
		}
	}

	private void awaitEndOfInput() {
		byte[] discard = new byte[256];
		try {
			while (this.parentPipe.read(discard) != -1) {
				// the primary never writes; anything read is ignored
			}
		}
		catch (IOException ex) {
			// a broken pipe means the same as end-of-file
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

}

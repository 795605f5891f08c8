package dev.clusteradapter.cluster.supervisor;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the worker JVMs of a primary: launches them, relays their output, launches a new
 * JVM with the same id when one exits (with back-off), and terminates them all on
 * {@link #stop()}.
 * <p>
 * Each worker's standard input is a pipe that this supervisor holds open: when this JVM
 * dies, even by {@code kill -9}, the worker reads end-of-file and leaves (see
 * {@link ParentWatch}). On it, this supervisor asks a worker to stop ({@link WorkerControl}),
 * so that a stop on purpose ends the worker cleanly, with status 0.
 * <p>
 * Thread-safe. Listener callbacks and all state changes run on one daemon thread.
 */
public final class WorkerSupervisor {

	private static final Logger logger = LoggerFactory.getLogger(WorkerSupervisor.class);

	/** Bound on waiting for the kernel to reap a killed process. */
	private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

	private final SupervisorOptions options;

	private final WorkerLauncher launcher;

	private final Map<Integer, WorkerSlot> slots = new LinkedHashMap<>();

	private final ScheduledThreadPoolExecutor executor;

	private final Object lifecycleLock = new Object();

	private final Thread shutdownFlag = new Thread(() -> this.jvmShuttingDown = true, "worker-supervisor-shutdown");

	private volatile Thread executorThread;

	private volatile boolean jvmShuttingDown;

	/** Written under {@link #lifecycleLock}. */
	private volatile boolean started;

	/** Guarded by {@link #lifecycleLock}; completed once every worker is gone. */
	private CompletableFuture<Void> stopped;

	/** Confined to the executor thread. */
	private boolean stopping;

	/**
	 * Creates a supervisor; nothing is launched before {@link #start()}.
	 * @param options the settings
	 */
	public WorkerSupervisor(SupervisorOptions options) {
		this.options = options;
		this.launcher = new WorkerLauncher(options);
		for (int id = 1; id <= options.workers(); id++) {
			this.slots.put(id, new WorkerSlot(id));
		}
		this.executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "worker-supervisor");
			thread.setDaemon(true);
			this.executorThread = thread;
			return thread;
		});
		this.executor.setRemoveOnCancelPolicy(true);
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	/**
	 * Launches every worker JVM. Returns once they are launched, not once they are ready.
	 * Does nothing when already started.
	 * @throws IllegalStateException when already stopped
	 */
	public void start() {
		synchronized (this.lifecycleLock) {
			if (this.stopped != null) {
				throw new IllegalStateException("Stopped supervisors do not start again");
			}
			if (this.started) {
				return;
			}
			this.started = true;
		}
		// Ctrl-C reaches the whole process group, workers included: their exits while this
		// JVM shuts down are expected and must not be answered with new workers
		Runtime.getRuntime().addShutdownHook(this.shutdownFlag);
		onExecutor(() -> this.slots.values().forEach(this::launch));
	}

	/**
	 * Asks every worker JVM to stop (on its standard input) and sends SIGTERM to their
	 * descendants, waits for them in parallel up to the grace period, then kills what is
	 * left. Returns once no worker JVM is alive.
	 * Idempotent, and safe to call from a shutdown hook; concurrent calls all wait.
	 */
	public void stop() {
		CompletableFuture<Void> done;
		synchronized (this.lifecycleLock) {
			if (this.stopped == null) {
				this.stopped = new CompletableFuture<>();
				CompletableFuture<Void> stopping = this.stopped;
				this.executor.execute(() -> stopAll(stopping));
			}
			done = this.stopped;
		}
		if (Thread.currentThread() == this.executorThread) {
			// called from a listener: waiting here would block the exits it waits for
			return;
		}
		Duration bound = this.options.gracePeriod().plus(KILL_TIMEOUT).plus(WorkerLauncher.OUTPUT_DRAIN_TIMEOUT);
		try {
			done.get(bound.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Workers did not all exit within {}", bound, ex);
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownFlag);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down already: the hook has run or is running
		}
	}

	/**
	 * Replaces the JVM of one worker: asks it to stop, waits up to the grace period, then
	 * kills it, and launches a new JVM at once, without back-off. Does nothing once stopping.
	 * @param id worker id
	 * @throws IllegalArgumentException for an unknown id
	 */
	public void restart(int id) {
		WorkerSlot slot = this.slots.get(id);
		if (slot == null) {
			throw new IllegalArgumentException("No worker " + id);
		}
		onExecutor(() -> {
			if (this.stopping || !this.started) {
				return;
			}
			if (slot.process != null) {
				if (!slot.restartRequested) {
					slot.restartRequested = true;
					terminate(slot, WorkerState.STOPPING, true);
				}
			}
			else if (slot.pendingLaunch != null) {
				slot.pendingLaunch.cancel(false);
				launch(slot);
			}
		});
	}

	/**
	 * Replaces a worker whose IPC link the primary lost while its JVM still runs (hung,
	 * stopped by {@code SIGSTOP}, or too slow to keep its link): sends it SIGTERM, kills it
	 * after the grace period, and launches a new JVM after the usual back-off. A healthy
	 * worker leaves by itself on losing its link; this ends one that cannot. Does nothing
	 * when the worker's current JVM is not {@code pid} (already replaced) or is already
	 * ending. Returns at once: callable from an I/O thread.
	 * @param id worker id
	 * @param pid pid of the JVM whose link was lost
	 * @param reason why the link was lost, for example {@code no heartbeat for 5s}
	 */
	public void linkLost(int id, long pid, String reason) {
		WorkerSlot slot = this.slots.get(id);
		if (slot == null) {
			return;
		}
		try {
			this.executor.execute(() -> {
				if (this.stopping || slot.process == null || slot.pid != pid || slot.state != WorkerState.RUNNING) {
					return;
				}
				slot.endReason = "link lost (" + reason + ")";
				logger.warn("{} (pid {}) lost its link ({}) but still runs: ending it", slot.name(), pid, reason);
				terminate(slot, WorkerState.STOPPING, false);
			});
		}
		catch (RejectedExecutionException ex) {
			// stopped meanwhile: nothing left to replace
		}
	}

	/**
	 * Whether {@link #start()} was called and {@link #stop()} was not.
	 * @return {@code true} while supervising
	 */
	public boolean isRunning() {
		synchronized (this.lifecycleLock) {
			return this.started && this.stopped == null;
		}
	}

	/**
	 * Snapshot of every worker slot, by id.
	 * @return one entry per worker id
	 */
	public List<WorkerInfo> workers() {
		List<WorkerInfo> infos = new ArrayList<>(this.slots.size());
		this.slots.values().forEach((slot) -> infos.add(slot.info()));
		return infos;
	}

	private void launch(WorkerSlot slot) {
		slot.pendingLaunch = null;
		if (this.stopping || this.jvmShuttingDown) {
			slot.state = WorkerState.STOPPED;
			slot.publish();
			return;
		}
		if (slot.launches++ > 0) {
			slot.restarts++;
		}
		slot.state = WorkerState.STARTING;
		slot.publish();
		WorkerLauncher.LaunchedWorker launched;
		try {
			launched = this.launcher.launch(slot.id);
		}
		catch (IOException | RuntimeException ex) {
			logger.error("Could not launch {} with {}", slot.name(), this.options.command(), ex);
			slot.startedAt = Instant.now();
			scheduleRestart(slot);
			return;
		}
		Process process = launched.process();
		slot.process = process;
		slot.pid = process.pid();
		slot.startedAt = Instant.now();
		slot.descendants = List.of();
		slot.state = WorkerState.RUNNING;
		slot.publish();
		CompletableFuture<Void> exitHandled = new CompletableFuture<>();
		slot.exitHandled = exitHandled;
		launched.finished().whenCompleteAsync((ignored, ex) -> {
			try {
				exited(slot, process);
			}
			finally {
				exitHandled.complete(null);
			}
		}, this.executor);
		logger.info("Launched {} (pid {})", slot.name(), slot.pid);
		notify((listener) -> listener.started(slot.id, slot.pid));
	}

	private void exited(WorkerSlot slot, Process process) {
		if (slot.process != process) {
			return;
		}
		int exitCode = process.exitValue();
		String endReason = slot.endReason;
		slot.process = null;
		slot.endReason = null;
		slot.lastExitCode = exitCode;
		slot.lastExitReason = (endReason != null) ? endReason : "exited with code " + exitCode;
		if (slot.pendingKill != null) {
			// a descendant that outlives the worker still gets killed at the deadline
			if (slot.descendants.stream().noneMatch(ProcessHandle::isAlive)) {
				slot.pendingKill.cancel(false);
			}
			slot.pendingKill = null;
		}
		notify((listener) -> listener.exited(slot.id, exitCode));
		if (this.stopping || this.jvmShuttingDown) {
			logger.info("{} (pid {}) exited with code {}", slot.name(), slot.pid, exitCode);
			slot.state = WorkerState.STOPPED;
			slot.publish();
		}
		else if (slot.restartRequested) {
			logger.info("{} (pid {}) exited with code {} for a restart", slot.name(), slot.pid, exitCode);
			slot.restartRequested = false;
			slot.failures = 0;
			launch(slot);
		}
		else {
			if (endReason != null) {
				logger.warn("{} (pid {}) ended with code {}: {}", slot.name(), slot.pid, exitCode, endReason);
			}
			else {
				logger.warn("{} (pid {}) exited unexpectedly with code {}", slot.name(), slot.pid, exitCode);
			}
			scheduleRestart(slot);
		}
	}

	private void scheduleRestart(WorkerSlot slot) {
		RestartBackoff backoff = this.options.backoff();
		if (backoff.resets(Duration.between(slot.startedAt, Instant.now()))) {
			slot.failures = 0;
		}
		slot.failures++;
		Duration delay = backoff.delay(slot.failures);
		slot.state = WorkerState.RESTARTING;
		slot.publish();
		logger.info("Restarting {} in {} ms", slot.name(), delay.toMillis());
		notify((listener) -> listener.restarting(slot.id, delay));
		slot.pendingLaunch = this.executor.schedule(() -> launch(slot), delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void stopAll(CompletableFuture<Void> done) {
		this.stopping = true;
		logger.info("Stopping {} workers (grace period {})", this.slots.size(), this.options.gracePeriod());
		List<CompletableFuture<?>> exits = new ArrayList<>();
		for (WorkerSlot slot : this.slots.values()) {
			if (slot.pendingLaunch != null) {
				slot.pendingLaunch.cancel(false);
				slot.pendingLaunch = null;
			}
			if (slot.process != null) {
				if (slot.state != WorkerState.STOPPING) {
					terminate(slot, WorkerState.STOPPING, true);
				}
				exits.add(slot.exitHandled);
				slot.descendants.forEach((descendant) -> exits.add(descendant.onExit()));
			}
			else {
				slot.state = WorkerState.STOPPED;
				slot.publish();
			}
		}
		CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).whenComplete((ignored, ex) -> {
			done.complete(null);
			this.executor.shutdown();
		});
	}

	/**
	 * Asks a worker JVM to leave and its descendants to terminate, and kills them after the
	 * grace period. Descendants are looked up now: once the worker is gone, they are
	 * reparented and no longer found.
	 * @param askFirst whether to ask the worker on its standard input (it then exits with
	 * status 0), rather than by SIGTERM, as for a worker that no longer answers
	 */
	private void terminate(WorkerSlot slot, WorkerState state, boolean askFirst) {
		Process process = slot.process;
		ProcessHandle handle = process.toHandle();
		slot.state = state;
		slot.publish();
		List<ProcessHandle> descendants = process.descendants().toList();
		slot.descendants = descendants;
		// ProcessHandle's destroy, not Process's: that one also closes the worker's standard
		// input, which the worker reads as its primary's death, and its output, whose last
		// lines would be lost
		if (!askFirst || !askToStop(process)) {
			handle.destroy();
		}
		descendants.forEach(ProcessHandle::destroy);
		slot.pendingKill = this.executor.schedule(() -> {
			if (handle.isAlive()) {
				logger.warn("{} (pid {}) still alive after {}: killing it", slot.name(), handle.pid(),
						this.options.gracePeriod());
			}
			handle.destroyForcibly();
			descendants.forEach(ProcessHandle::destroyForcibly);
		}, this.options.gracePeriod().toMillis(), TimeUnit.MILLISECONDS);
	}

	private static boolean askToStop(Process process) {
		try {
			OutputStream stdin = process.getOutputStream();
			stdin.write(WorkerControl.stop());
			stdin.flush();
			return true;
		}
		catch (IOException ex) {
			// exited meanwhile, or its end of the pipe is closed: a signal still reaches it
			return false;
		}
	}

	private void notify(Consumer<WorkerListener> event) {
		try {
			event.accept(this.options.listener());
		}
		catch (RuntimeException ex) {
			logger.warn("Worker listener failed", ex);
		}
	}

	private void onExecutor(Runnable task) {
		if (Thread.currentThread() == this.executorThread) {
			task.run();
			return;
		}
		try {
			this.executor.submit(task).get();
		}
		catch (RejectedExecutionException ex) {
			// stopped meanwhile: nothing left to act on
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Worker supervisor task failed", ex.getCause());
		}
	}

}

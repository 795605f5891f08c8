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
 * With {@link SupervisorOptions#standby()}, it also keeps a standby JVM, launched once every
 * worker has linked to the primary ({@link #linked(int, long)}) so that it does not slow
 * their start: the application starts in it and waits. When a worker's JVM ends, the
 * standby is adopted under its id at once (told on its standard input), which spares the
 * worker's clients the JVM's and the application's start; a new standby follows once the
 * adopted one has linked.
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

	private final WorkerSlot standby = new WorkerSlot(WorkerSlot.STANDBY);

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
				slot.pendingLaunch = null;
				if (!adoptStandby(slot)) {
					launch(slot);
				}
			}
		});
	}

	/**
	 * Tells the supervisor that a worker's JVM linked to the primary: once every worker's
	 * has, the standby is launched (with {@link SupervisorOptions#standby()}). Returns at
	 * once: callable from an I/O thread.
	 * @param id worker id
	 * @param pid pid of the JVM that linked
	 */
	public void linked(int id, long pid) {
		WorkerSlot slot = this.slots.get(id);
		if (slot == null) {
			return;
		}
		try {
			this.executor.execute(() -> {
				if (slot.pid == pid && slot.process != null) {
					slot.linkedPid = pid;
					launchStandbyWhenAllLinked();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// stopped meanwhile
		}
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

	/**
	 * Snapshot of the standby JVM: {@link WorkerInfo#id()} {@code 0}, pid {@code -1} when
	 * there is none.
	 * @return the standby, or {@code null} without {@link SupervisorOptions#standby()}
	 */
	public WorkerInfo standby() {
		return this.options.standby() ? this.standby.info() : null;
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
			launched = (slot == this.standby) ? this.launcher.launchStandby() : this.launcher.launch(slot.id);
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
		slot.linkedPid = -1;
		slot.label = launched.label();
		slot.startedAt = Instant.now();
		slot.descendants = List.of();
		slot.state = WorkerState.RUNNING;
		slot.publish();
		CompletableFuture<Void> exitHandled = new CompletableFuture<>();
		slot.exitHandled = exitHandled;
		launched.finished().whenCompleteAsync((ignored, ex) -> {
			try {
				exited(process);
			}
			finally {
				exitHandled.complete(null);
			}
		}, this.executor);
		logger.info("Launched {} (pid {})", slot.name(), slot.pid);
		if (slot != this.standby) {
			notify((listener) -> listener.started(slot.id, slot.pid));
		}
	}

	/** Hands a JVM's exit to the slot it fills now: a standby may have moved since launch. */
	private void exited(Process process) {
		if (this.standby.process == process) {
			exited(this.standby, process);
			return;
		}
		for (WorkerSlot slot : this.slots.values()) {
			if (slot.process == process) {
				exited(slot, process);
				return;
			}
		}
	}

	private void launchStandbyWhenAllLinked() {
		if (!this.options.standby() || this.stopping || this.jvmShuttingDown || this.standby.process != null
				|| this.standby.pendingLaunch != null) {
			return;
		}
		for (WorkerSlot slot : this.slots.values()) {
			if (slot.process == null || slot.linkedPid != slot.pid) {
				return;
			}
		}
		launch(this.standby);
	}

	/**
	 * Gives a worker id the standby JVM, at once: the standby learns its id on its standard
	 * input, links, and serves.
	 * @return whether a live standby was adopted
	 */
	private boolean adoptStandby(WorkerSlot slot) {
		Process process = this.standby.process;
		if (process == null || !process.isAlive() || this.stopping || this.jvmShuttingDown) {
			return false;
		}
		// relabelled first: what it logs once adopted is the worker's
		this.standby.label.rename(slot.name());
		if (!write(process, WorkerControl.adopt(slot.id))) {
			this.standby.label.rename(this.standby.name());
			return false;
		}
		if (slot.launches++ > 0) {
			slot.restarts++;
		}
		slot.process = process;
		slot.pid = process.pid();
		slot.linkedPid = -1;
		slot.label = this.standby.label;
		slot.startedAt = Instant.now();
		slot.descendants = List.of();
		slot.exitHandled = this.standby.exitHandled;
		slot.state = WorkerState.RUNNING;
		slot.publish();
		this.standby.process = null;
		this.standby.pid = -1;
		this.standby.label = null;
		this.standby.exitHandled = CompletableFuture.completedFuture(null);
		this.standby.state = WorkerState.STOPPED;
		this.standby.publish();
		logger.info("Adopted the standby JVM (pid {}) as {}", slot.pid, slot.name());
		notify((listener) -> listener.started(slot.id, slot.pid));
		return true;
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
		if (slot != this.standby) {
			notify((listener) -> listener.exited(slot.id, exitCode));
		}
		if (this.stopping || this.jvmShuttingDown) {
			logger.info("{} (pid {}) exited with code {}", slot.name(), slot.pid, exitCode);
			slot.state = WorkerState.STOPPED;
			slot.publish();
		}
		else if (slot.restartRequested) {
			logger.info("{} (pid {}) exited with code {} for a restart", slot.name(), slot.pid, exitCode);
			slot.restartRequested = false;
			slot.failures = 0;
			if (!adoptStandby(slot)) {
				launch(slot);
			}
		}
		else {
			if (endReason != null) {
				logger.warn("{} (pid {}) ended with code {}: {}", slot.name(), slot.pid, exitCode, endReason);
			}
			else {
				logger.warn("{} (pid {}) exited unexpectedly with code {}", slot.name(), slot.pid, exitCode);
			}
			Duration delay = nextDelay(slot);
			// the standby takes over at once; a JVM that keeps dying finds no standby the next
			// time (a new one starts only once the adopted one linked) and waits its back-off
			if (slot == this.standby || !adoptStandby(slot)) {
				scheduleLaunch(slot, delay);
			}
		}
	}

	private void scheduleRestart(WorkerSlot slot) {
		scheduleLaunch(slot, nextDelay(slot));
	}

	/** Counts a failure of the slot's JVM and returns the back-off delay before the next. */
	private Duration nextDelay(WorkerSlot slot) {
		RestartBackoff backoff = this.options.backoff();
		if (backoff.resets(Duration.between(slot.startedAt, Instant.now()))) {
			slot.failures = 0;
		}
		slot.failures++;
		return backoff.delay(slot.failures);
	}

	private void scheduleLaunch(WorkerSlot slot, Duration delay) {
		slot.state = WorkerState.RESTARTING;
		slot.publish();
		logger.info("Restarting {} in {} ms", slot.name(), delay.toMillis());
		if (slot != this.standby) {
			notify((listener) -> listener.restarting(slot.id, delay));
			slot.pendingLaunch = this.executor.schedule(() -> launch(slot), delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		else {
			slot.pendingLaunch = this.executor.schedule(() -> {
				slot.pendingLaunch = null;
				launchStandbyWhenAllLinked();
			}, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void stopAll(CompletableFuture<Void> done) {
		this.stopping = true;
		logger.info("Stopping {} workers (grace period {})", this.slots.size(), this.options.gracePeriod());
		List<CompletableFuture<?>> exits = new ArrayList<>();
		List<WorkerSlot> all = new ArrayList<>(this.slots.values());
		all.add(this.standby);
		for (WorkerSlot slot : all) {
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
		if (!askFirst || !write(process, WorkerControl.stop())) {
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

	/** Writes a {@link WorkerControl} line on a worker's standard input. */
	private static boolean write(Process process, byte[] line) {
		try {
			OutputStream stdin = process.getOutputStream();
			stdin.write(line);
			stdin.flush();
			return true;
		}
		catch (IOException ex) {
			// exited meanwhile, or its end of the pipe is closed
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

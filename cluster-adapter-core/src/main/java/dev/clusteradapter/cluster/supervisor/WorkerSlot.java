package dev.clusteradapter.cluster.supervisor;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One worker id of a {@link WorkerSupervisor} and the JVM currently filling it. Mutable
 * state is confined to the supervisor's thread; other threads read {@link #info()}.
 */
final class WorkerSlot {

	final int id;

	Process process;

	List<ProcessHandle> descendants = List.of();

	long pid = -1;

	WorkerState state = WorkerState.STOPPED;

	int launches;

	int restarts;

	Instant startedAt;

	Integer lastExitCode;

	String lastExitReason;

	/** Why the supervisor is ending the current JVM, {@code null} unless it is. */
	String endReason;

	int failures;

	boolean restartRequested;

	ScheduledFuture<?> pendingLaunch;

	ScheduledFuture<?> pendingKill;

	/** Completed once the exit of the current JVM has been handled. */
	CompletableFuture<Void> exitHandled = CompletableFuture.completedFuture(null);

	private volatile WorkerInfo info;

	WorkerSlot(int id) {
		this.id = id;
		publish();
	}

	void publish() {
		this.info = new WorkerInfo(this.id, this.pid, this.state, this.restarts, this.startedAt, this.lastExitCode,
				this.lastExitReason);
	}

	WorkerInfo info() {
		return this.info;
	}

	String name() {
		return "worker-" + this.id;
	}

}

package dev.clusteradapter.cluster.supervisor;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One worker id of a {@link WorkerSupervisor} and the JVM currently filling it, or, with id
 * {@value #STANDBY}, the standby JVM. Mutable state is confined to the supervisor's thread;
 * other threads read {@link #info()}.
 */
final class WorkerSlot {

	/** Id of the standby's slot. */
	static final int STANDBY = 0;

	final int id;

	Process process;

	List<ProcessHandle> descendants = List.of();

	long pid = -1;

	/** The prefix of the current JVM's output lines. */
	OutputLabel label;

	/** Pid of the current JVM once it linked to the primary, else -1. */
	long linkedPid = -1;

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
		return (this.id == STANDBY) ? "standby" : "worker-" + this.id;
	}

}

package dev.clusteradapter.cluster.node;

import java.time.Instant;

import dev.clusteradapter.cluster.WorkerStatus;
import dev.clusteradapter.cluster.supervisor.WorkerState;

/**
 * One worker as the primary sees it: its process, as the supervisor knows it, and its IPC
 * link with the status of its last heartbeat.
 *
 * @param id worker id
 * @param pid process id, {@code -1} when unknown
 * @param state process state; {@code null} for an external worker, which no supervisor runs
 * @param restarts how many times its JVM was replaced
 * @param startedAt when its current JVM was launched, or {@code null}
 * @param linked whether its IPC link is up
 * @param lastHeartbeat when its last heartbeat arrived, or {@code null}
 * @param status what its last heartbeat reported
 * @param lastExitReason why its last JVM ended (for example {@code exited with code 137} or
 * {@code link lost (no heartbeat for 5s)}), {@code null} if none did or no supervisor runs it
 */
public record WorkerSnapshot(int id, long pid, WorkerState state, int restarts, Instant startedAt, boolean linked,
		Instant lastHeartbeat, WorkerStatus status, String lastExitReason) {

	/**
	 * Whether the worker serves clients: linked to the primary and listening.
	 * @return true when clients can be routed to it
	 */
	public boolean serving() {
		return this.linked && this.status.serving();
	}

}

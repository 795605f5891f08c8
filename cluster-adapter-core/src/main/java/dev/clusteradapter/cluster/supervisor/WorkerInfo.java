package dev.clusteradapter.cluster.supervisor;

import java.time.Instant;

/**
 * Snapshot of one worker slot of a {@link WorkerSupervisor}.
 *
 * @param id worker id, {@code 1..n}, stable across restarts
 * @param pid pid of the current or last JVM of this slot, {@code -1} before the first
 * @param state life-cycle state
 * @param restarts how many times a new JVM replaced an earlier one in this slot
 * @param startedAt when the current or last JVM was launched, {@code null} before the first
 * @param lastExitCode exit code of the last JVM that exited, {@code null} if none did
 * @param lastExitReason why the last JVM that exited ended, for example
 * {@code exited with code 137} or {@code link lost (no heartbeat for 5s)}; {@code null} if
 * none did
 */
public record WorkerInfo(int id, long pid, WorkerState state, int restarts, Instant startedAt,
		Integer lastExitCode, String lastExitReason) {

}

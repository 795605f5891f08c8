package dev.clusteradapter.cluster.ipc;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * Snapshot of one worker's link to the {@link IpcHub}.
 *
 * @param workerId the worker's node id
 * @param pid the worker's process id, as it declared it
 * @param connectedSince when the link was authenticated
 * @param lastHeartbeat when the last heartbeat arrived, or {@code null} before the first
 * @param lastStatus payload of the last heartbeat (opaque, from the worker), empty before the first
 * @param messagesIn frames received from the worker
 * @param bytesIn bytes received from the worker, headers included
 * @param messagesOut frames queued for the worker
 * @param bytesOut bytes queued for the worker, headers included
 * @param droppedBecause why the hub gave up on the worker and closed the link (for example
 * {@code no heartbeat for 5s}); {@code null} while it is up, and when the worker closed it or
 * the hub stopped
 */
public record IpcLinkInfo(int workerId, OptionalLong pid, Instant connectedSince, Instant lastHeartbeat,
		byte[] lastStatus, long messagesIn, long bytesIn, long messagesOut, long bytesOut, String droppedBecause) {

}

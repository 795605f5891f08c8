package dev.clusteradapter.cluster.autoconfigure.endpoint;

import java.util.List;

import dev.clusteradapter.cluster.node.PrimaryNode;
import dev.clusteradapter.cluster.node.WorkerNode;
import dev.clusteradapter.cluster.node.WorkerSnapshot;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * Read-only {@code socketiocluster} endpoint: the role of this process and, on the primary,
 * its workers.
 */
@Endpoint(id = "socketiocluster")
public class SocketIoClusterEndpoint {

	private final PrimaryNode primary;

	private final WorkerNode worker;

	/**
	 * Creates the endpoint.
	 * @param primary the primary, or {@code null} in a worker or standalone process
	 * @param worker the worker's link, or {@code null} in a primary or standalone process
	 */
	public SocketIoClusterEndpoint(PrimaryNode primary, WorkerNode worker) {
		this.primary = primary;
		this.worker = worker;
	}

	/**
	 * Describes the cluster as this process sees it.
	 * @return the description
	 */
	@ReadOperation
	public ClusterDescription cluster() {
		if (this.primary != null) {
			return new ClusterDescription("primary", null,
					this.primary.workers().stream().map(WorkerDescription::of).toList(), this.primary.standbyPid());
		}
		if (this.worker != null) {
			return new ClusterDescription("worker", this.worker.isLinked(), List.of(), null);
		}
		return new ClusterDescription("standalone", null, List.of(), null);
	}

	/**
	 * The cluster as one process sees it.
	 *
	 * @param role primary, worker or standalone
	 * @param linked on a worker, whether its link to the primary is up; else {@code null}
	 * @param workers on the primary, every worker by id; else empty
	 * @param standbyPid on the primary, the pid of its standby worker JVM, {@code -1} while
	 * there is none; else {@code null}
	 */
	public record ClusterDescription(String role, Boolean linked, List<WorkerDescription> workers, Long standbyPid) {
	}

	/**
	 * One worker as the primary sees it.
	 *
	 * @param id worker id
	 * @param pid process id, {@code -1} when unknown
	 * @param state supervisor state, {@code EXTERNAL} for a worker no supervisor runs
	 * @param linked whether its IPC link is up
	 * @param serving whether clients are routed to it
	 * @param clients connected clients, as its last heartbeat reported
	 * @param rooms rooms with members, as its last heartbeat reported
	 * @param lastHeartbeat ISO-8601 instant of its last heartbeat, or {@code null}
	 * @param restarts times its JVM was replaced
	 * @param lastExitReason why its last JVM ended, for example {@code exited with code 137}
	 * or {@code link lost (no heartbeat for 5s)}; {@code null} if none did
	 */
	public record WorkerDescription(int id, long pid, String state, boolean linked, boolean serving, int clients,
			int rooms, String lastHeartbeat, int restarts, String lastExitReason) {

		static WorkerDescription of(WorkerSnapshot worker) {
			return new WorkerDescription(worker.id(), worker.pid(),
					(worker.state() != null) ? worker.state().name() : "EXTERNAL", worker.linked(), worker.serving(),
					worker.status().clients(), worker.status().rooms(),
					(worker.lastHeartbeat() != null) ? worker.lastHeartbeat().toString() : null, worker.restarts(),
					worker.lastExitReason());
		}

	}

}

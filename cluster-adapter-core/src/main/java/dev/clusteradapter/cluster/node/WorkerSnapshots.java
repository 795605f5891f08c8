package dev.clusteradapter.cluster.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.clusteradapter.cluster.WorkerStatus;
import dev.clusteradapter.cluster.ipc.IpcHub;
import dev.clusteradapter.cluster.ipc.IpcLinkInfo;
import dev.clusteradapter.cluster.supervisor.WorkerInfo;
import dev.clusteradapter.cluster.supervisor.WorkerSupervisor;

/**
 * The workers as a primary knows them: those its supervisor runs and those linked to its
 * hub, joined by id.
 */
final class WorkerSnapshots {

	private final IpcHub hub;

	private final WorkerSupervisor supervisor;

	private final Map<Integer, DecodedStatus> statuses = new ConcurrentHashMap<>();

	/**
	 * Creates the view.
	 * @param hub the primary's hub
	 * @param supervisor its supervisor, or {@code null} when workers are external
	 */
	WorkerSnapshots(IpcHub hub, WorkerSupervisor supervisor) {
		this.hub = hub;
		this.supervisor = supervisor;
	}

	/**
	 * Every worker, supervised or linked.
	 * @return snapshots ordered by worker id
	 */
	List<WorkerSnapshot> all() {
		Map<Integer, IpcLinkInfo> links = new TreeMap<>();
		this.hub.links().forEach((link) -> links.put(link.workerId(), link));
		List<WorkerSnapshot> workers = new ArrayList<>();
		if (this.supervisor != null) {
			for (WorkerInfo info : this.supervisor.workers()) {
				IpcLinkInfo link = links.remove(info.id());
				workers.add(snapshot(info, link));
			}
		}
		links.values().forEach((link) -> workers.add(snapshot(null, link)));
		workers.sort((a, b) -> Integer.compare(a.id(), b.id()));
		return workers;
	}

	private WorkerSnapshot snapshot(WorkerInfo info, IpcLinkInfo link) {
		WorkerStatus status = (link != null) ? status(link) : WorkerStatus.UNKNOWN;
		long pid = (info != null) ? info.pid() : link.pid().orElse(status.pid() > 0 ? status.pid() : -1);
		return new WorkerSnapshot((info != null) ? info.id() : link.workerId(), pid, (info != null) ? info.state() : null,
				(info != null) ? info.restarts() : 0, (info != null) ? info.startedAt() : link.connectedSince(),
				link != null, (link != null) ? link.lastHeartbeat() : null, status,
				(info != null) ? info.lastExitReason() : null);
	}

	/**
	 * The status a link's last heartbeat carried, decoded once per heartbeat: the router,
	 * health and meters all ask for the workers, the router several times a second.
	 */
	private WorkerStatus status(IpcLinkInfo link) {
		byte[] raw = link.lastStatus();
		DecodedStatus cached = this.statuses.get(link.workerId());
		if (cached != null && Arrays.equals(cached.raw(), raw)) {
			return cached.status();
		}
		WorkerStatus status = WorkerStatus.decode(raw);
		this.statuses.put(link.workerId(), new DecodedStatus(raw, status));
		return status;
	}

	private record DecodedStatus(byte[] raw, WorkerStatus status) {
	}

}

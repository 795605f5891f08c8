package dev.clusteradapter.cluster.autoconfigure.health;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.clusteradapter.cluster.ipc.IpcEndpoint;
import dev.clusteradapter.cluster.node.PrimaryNode;
import dev.clusteradapter.cluster.node.WorkerSnapshot;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of a primary, from its workers: {@link Status#UP} when every expected worker
 * serves, {@link #DEGRADED} when some but not all do, {@link Status#DOWN} when none does.
 * With external workers (none expected) one serving worker is enough for UP.
 */
public class PrimaryHealthIndicator implements HealthIndicator {

	/**
	 * Some workers serve, not all: clients are still served, by fewer workers. Not in
	 * Boot's default HTTP mapping, so answered with 200.
	 */
	public static final Status DEGRADED = new Status("DEGRADED", "Some workers do not serve");

	private final PrimaryNode node;

	private final int expectedWorkers;

	private final Clock clock;

	/**
	 * Creates an indicator.
	 * @param node the primary
	 * @param expectedWorkers workers the primary runs, {@code 0} when workers are external
	 * @param clock clock the heartbeat ages are measured with
	 */
	public PrimaryHealthIndicator(PrimaryNode node, int expectedWorkers, Clock clock) {
		this.node = node;
		this.expectedWorkers = expectedWorkers;
		this.clock = clock;
	}

	@Override
	public Health health() {
		List<WorkerSnapshot> workers = this.node.workers();
		long serving = workers.stream().filter(WorkerSnapshot::serving).count();
		IpcEndpoint endpoint = this.node.endpoint();
		InetSocketAddress publicAddress = this.node.publicAddress();
		return Health.status(status(serving, this.expectedWorkers))
			.withDetail("role", "primary")
			.withDetail("ipcEndpoint", (endpoint != null) ? endpoint.toString() : "none")
			.withDetail("publicAddress",
					(publicAddress != null) ? publicAddress.getHostString() + ":" + publicAddress.getPort() : "none")
			.withDetail("expectedWorkers", this.expectedWorkers)
			.withDetail("servingWorkers", serving)
			.withDetail("standbyPid", this.node.standbyPid())
			.withDetail("workers", details(workers, this.clock.instant()))
			.build();
	}

	/**
	 * Status of a cluster with the given number of serving workers.
	 * @param serving workers that serve
	 * @param expected workers the primary runs, {@code 0} when external
	 * @return the status
	 */
	static Status status(long serving, int expected) {
		if (serving == 0) {
			return Status.DOWN;
		}
		return (expected == 0 || serving >= expected) ? Status.UP : DEGRADED;
	}

	private static Map<String, Object> details(List<WorkerSnapshot> workers, Instant now) {
		Map<String, Object> details = new LinkedHashMap<>();
		for (WorkerSnapshot worker : workers) {
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("pid", worker.pid());
			detail.put("state", (worker.state() != null) ? worker.state().name() : "EXTERNAL");
			detail.put("linked", worker.linked());
			detail.put("serving", worker.serving());
			detail.put("clients", worker.status().clients());
			detail.put("rooms", worker.status().rooms());
			detail.put("lastHeartbeatAgeMs", (worker.lastHeartbeat() != null)
					? Math.max(0, Duration.between(worker.lastHeartbeat(), now).toMillis()) : -1);
			detail.put("restarts", worker.restarts());
			detail.put("lastExitReason", worker.lastExitReason());
			details.put(Integer.toString(worker.id()), detail);
		}
		return details;
	}

}

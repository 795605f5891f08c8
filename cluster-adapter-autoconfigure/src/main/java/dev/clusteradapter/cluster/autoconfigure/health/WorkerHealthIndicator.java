package dev.clusteradapter.cluster.autoconfigure.health;

import dev.clusteradapter.cluster.node.WorkerNode;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of a worker: UP while linked to its primary, DOWN otherwise, since a worker cut off
 * from its primary is reached by no client and reaches no other worker.
 */
public class WorkerHealthIndicator implements HealthIndicator {

	private final WorkerNode node;

	/**
	 * Creates an indicator.
	 * @param node the worker's link
	 */
	public WorkerHealthIndicator(WorkerNode node) {
		this.node = node;
	}

	@Override
	public Health health() {
		boolean linked = this.node.isLinked();
		Health.Builder builder = linked ? Health.up() : Health.down();
		return builder.withDetail("role", "worker")
			.withDetail("workerId", this.node.bus().nodeId())
			.withDetail("linked", linked)
			.build();
	}

}

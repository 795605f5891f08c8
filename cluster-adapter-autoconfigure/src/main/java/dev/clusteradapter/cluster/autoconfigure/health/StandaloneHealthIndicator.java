package dev.clusteradapter.cluster.autoconfigure.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of a standalone process: always UP, since it has no IPC link that could fail; the
 * health of its Socket.IO server is its own.
 */
public class StandaloneHealthIndicator implements HealthIndicator {

	@Override
	public Health health() {
		return Health.up().withDetail("role", "standalone").build();
	}

}

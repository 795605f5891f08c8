package dev.clusteradapter.cluster.autoconfigure.health;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link StandaloneHealthIndicator}.
 */
class StandaloneHealthIndicatorTests {

	@Test
	void upWithItsRole() {
		Health health = new StandaloneHealthIndicator().health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsExactly(entry("role", "standalone"));
	}

}

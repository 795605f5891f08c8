package dev.clusteradapter.cluster.autoconfigure.health;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PrimaryHealthIndicator}'s status rules; its details are covered with a
 * real primary by {@link SocketIoClusterHealthContributorAutoConfigurationTests}.
 */
class PrimaryHealthIndicatorTests {

	@Test
	void upWhenEveryExpectedWorkerServes() {
		assertThat(PrimaryHealthIndicator.status(2, 2)).isEqualTo(Status.UP);
	}

	@Test
	void degradedWhenSomeButNotAllServe() {
		assertThat(PrimaryHealthIndicator.status(1, 2)).isEqualTo(PrimaryHealthIndicator.DEGRADED);
		assertThat(PrimaryHealthIndicator.status(3, 4)).isEqualTo(PrimaryHealthIndicator.DEGRADED);
	}

	@Test
	void downWhenNoneServes() {
		assertThat(PrimaryHealthIndicator.status(0, 2)).isEqualTo(Status.DOWN);
		assertThat(PrimaryHealthIndicator.status(0, 0)).isEqualTo(Status.DOWN);
	}

	@Test
	void externalWorkersAreUpFromOneServingWorker() {
		assertThat(PrimaryHealthIndicator.status(1, 0)).isEqualTo(Status.UP);
	}

	@Test
	void degradedIsAnsweredWithOkByDefault() {
		assertThat(new SimpleHttpCodeStatusMapper().getStatusCode(PrimaryHealthIndicator.DEGRADED)).isEqualTo(200);
	}

	@Test
	void degradedOutranksUpAndRanksBelowDownOnceOrdered() {
		SimpleStatusAggregator ordered = new SimpleStatusAggregator(
				List.of("DOWN", "OUT_OF_SERVICE", "DEGRADED", "UP", "UNKNOWN"));
		assertThat(ordered.getAggregateStatus(Set.of(Status.UP, PrimaryHealthIndicator.DEGRADED)))
			.isEqualTo(PrimaryHealthIndicator.DEGRADED);
		assertThat(ordered.getAggregateStatus(Set.of(Status.DOWN, PrimaryHealthIndicator.DEGRADED)))
			.isEqualTo(Status.DOWN);
	}

	@Test
	void defaultOrderHidesDegradedBehindUp() {
		// Boot ranks a status missing from its order below every known one: hence the
		// management.endpoint.health.status.order the README recommends
		SimpleStatusAggregator defaults = new SimpleStatusAggregator();
		assertThat(defaults.getAggregateStatus(Set.of(Status.UP, PrimaryHealthIndicator.DEGRADED)))
			.isEqualTo(Status.UP);
		assertThat(defaults.getAggregateStatus(Set.of(Status.DOWN, PrimaryHealthIndicator.DEGRADED)))
			.isEqualTo(Status.DOWN);
	}

}

package dev.clusteradapter.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterRole}.
 */
class ClusterRoleTests {

	@Test
	void autoIsPrimaryUnlessStartedByAPrimary() {
		assertThat(ClusterRole.AUTO.resolve(false)).isEqualTo(ClusterRole.PRIMARY);
		assertThat(ClusterRole.AUTO.resolve(true)).isEqualTo(ClusterRole.WORKER);
	}

	@Test
	void configuredRoleHolds() {
		assertThat(ClusterRole.STANDALONE.resolve(false)).isEqualTo(ClusterRole.STANDALONE);
		assertThat(ClusterRole.WORKER.resolve(false)).isEqualTo(ClusterRole.WORKER);
	}

	@Test
	void processStartedByAPrimaryIsAWorkerEvenWhenConfiguredAsPrimary() {
		assertThat(ClusterRole.PRIMARY.resolve(true)).isEqualTo(ClusterRole.WORKER);
	}

}

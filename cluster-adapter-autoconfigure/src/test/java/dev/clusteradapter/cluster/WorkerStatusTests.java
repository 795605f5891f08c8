package dev.clusteradapter.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WorkerStatus}.
 */
class WorkerStatusTests {

	@Test
	void roundTripsThroughItsEncoding() {
		WorkerStatus status = new WorkerStatus(4242, 51234, "/tmp/x/handover-1.sock", 17, 3);
		assertThat(WorkerStatus.decode(status.encode())).isEqualTo(status);
		assertThat(status.serving()).isTrue();
	}

	@Test
	void garbageReadsAsUnknown() {
		assertThat(WorkerStatus.decode(new byte[] { 1, 2, 3 })).isEqualTo(WorkerStatus.UNKNOWN);
		assertThat(WorkerStatus.decode(null)).isEqualTo(WorkerStatus.UNKNOWN);
		assertThat(WorkerStatus.UNKNOWN.serving()).isFalse();
	}

}

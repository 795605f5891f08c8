package dev.clusteradapter.cluster.supervisor;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link WorkerEnvironment}.
 */
class WorkerEnvironmentTests {

	@Test
	void workerIdIsReadFromTheEnvironment() {
		assertThat(WorkerEnvironment.workerId(Map.of(WorkerEnvironment.WORKER_ID, "3"))).hasValue(3);
	}

	@Test
	void absentIdMeansNotAForkedWorker() {
		assertThat(WorkerEnvironment.workerId(Map.of())).isEmpty();
		assertThat(WorkerEnvironment.workerId(Map.of(WorkerEnvironment.WORKER_ID, " "))).isEmpty();
	}

	@Test
	void malformedIdIsRejected() {
		assertThatIllegalStateException()
			.isThrownBy(() -> WorkerEnvironment.workerId(Map.of(WorkerEnvironment.WORKER_ID, "one")))
			.withMessageContaining(WorkerEnvironment.WORKER_ID);
		assertThatIllegalStateException()
			.isThrownBy(() -> WorkerEnvironment.workerId(Map.of(WorkerEnvironment.WORKER_ID, "0")));
	}

	@Test
	void testJvmIsNotAForkedWorker() {
		assertThat(WorkerEnvironment.isForkedWorker()).isFalse();
	}

}

package dev.clusteradapter.cluster.supervisor;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.supervisor.WorkerCommand.Launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SupervisorOptions}.
 */
class SupervisorOptionsTests {

	private final WorkerCommand command = WorkerCommand.of(new Launch("java", "com.example.App", "classes"), null,
			List.of(), List.of());

	@Test
	void defaultsMatchTheDocumentedOnes() {
		SupervisorOptions options = SupervisorOptions.builder(this.command).build();
		assertThat(options.workers()).isOne();
		assertThat(options.gracePeriod()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.backoff()).isEqualTo(RestartBackoff.DEFAULT);
		assertThat(options.environment().apply(1)).isEmpty();
		assertThat(options.stdout()).isSameAs(System.out);
		assertThat(options.stderr()).isSameAs(System.err);
	}

	@Test
	void rejectsNoWorkersAndNegativeGrace() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SupervisorOptions.builder(this.command).workers(0).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SupervisorOptions.builder(this.command).gracePeriod(Duration.ofSeconds(-1)).build());
	}

}

package dev.clusteradapter.cluster.supervisor;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WorkerLauncher}, with a real worker JVM ({@link TestWorkerMain}).
 */
class WorkerLauncherTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final CapturedOutput out = new CapturedOutput();

	private final CapturedOutput err = new CapturedOutput();

	private Process process;

	@AfterEach
	void cleanUp() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	@Test
	void workerLearnsItsIdAndPrimaryFromItsEnvironmentAndStaysWhileStdinIsOpen() throws Exception {
		WorkerLauncher.LaunchedWorker launched = launcher("run").launch(5);
		this.process = launched.process();
		String expected = "[worker-5] worker 5 started pid " + this.process.pid() + " primary "
				+ ProcessHandle.current().pid() + " secret-sha none";
		await().atMost(TIMEOUT).until(() -> this.out.lines().contains(expected));
		// the worker's ParentWatch reads its stdin: it would leave at once on end-of-file
		assertThat(this.process.isAlive()).isTrue();
		assertThat(launched.finished()).isNotDone();
		this.process.getOutputStream().close();
		launched.finished().get();
		assertThat(this.process.exitValue()).isZero();
		assertThat(this.out.lines()).contains("[worker-5] worker 5 leaves: primary gone");
	}

	@Test
	void relaysStandardErrorToItsOwnStream() throws Exception {
		WorkerLauncher.LaunchedWorker launched = launcher("exit").launch(2);
		this.process = launched.process();
		launched.finished().get();
		assertThat(this.err.lines()).containsExactly("[worker-2] worker 2 exiting at once");
		assertThat(this.out.lines()).noneMatch((line) -> line.contains("exiting"));
		assertThat(this.process.exitValue()).isEqualTo(3);
	}

	private WorkerLauncher launcher(String mode) {
		WorkerCommand command = WorkerCommand.ofCurrentJvm(TestWorkerMain.class.getName(), WorkerJvm.OPTIONS,
				List.of(mode));
		return new WorkerLauncher(SupervisorOptions.builder(command)
			.environment((id) -> Map.of())
			.output(this.out.stream(), this.err.stream())
			.build());
	}

}

package dev.clusteradapter.cluster.supervisor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WorkerSupervisor}, with real worker JVMs ({@link TestWorkerMain}).
 */
class WorkerSupervisorTests {

	private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(30);

	private final CapturedOutput out = new CapturedOutput();

	private final CapturedOutput err = new CapturedOutput();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final List<Duration> delays = new CopyOnWriteArrayList<>();

	private final List<Long> pids = new CopyOnWriteArrayList<>();

	private final List<Process> primaries = new ArrayList<>();

	private WorkerSupervisor supervisor;

	@AfterEach
	void cleanUp() {
		if (this.supervisor != null) {
			this.supervisor.stop();
		}
		this.primaries.forEach(Process::destroyForcibly);
		this.pids.forEach((pid) -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
	}

	@Test
	void startsWorkersAndRelaysTheirOutputPrefixed() {
		long began = System.nanoTime();
		start(2, "run", UnaryOperator.identity());
		assertThat(this.supervisor.workers()).extracting(WorkerInfo::id).containsExactly(1, 2);
		assertThat(this.supervisor.workers()).allSatisfy((worker) -> {
			assertThat(worker.state()).isEqualTo(WorkerState.RUNNING);
			assertThat(worker.restarts()).isZero();
			assertThat(worker.startedAt()).isNotNull();
			assertThat(isAlive(worker.pid())).isTrue();
		});
		assertThat(pid(1)).isNotEqualTo(pid(2));
		awaitLine(this.out, "[worker-1] worker 1 started pid " + pid(1));
		awaitLine(this.out, "[worker-2] worker 2 started pid " + pid(2));
		System.out.printf("MEASURED: two workers launched and running main in %d ms%n", millisSince(began));
		assertThat(this.events).contains("started 1 " + pid(1), "started 2 " + pid(2));
	}

	@Test
	void replacesAKilledWorkerUnderTheSameId() {
		start(2, "run", UnaryOperator.identity());
		long killed = pid(1);
		long untouched = pid(2);
		awaitLine(this.out, "[worker-1] worker 1 started pid " + killed);
		long began = System.nanoTime();
		ProcessHandle.of(killed).orElseThrow().destroyForcibly();
		await().atMost(LAUNCH_TIMEOUT)
			.until(() -> worker(1).pid() != killed && worker(1).state() == WorkerState.RUNNING);
		long replacement = pid(1);
		awaitLine(this.out, "[worker-1] worker 1 started pid " + replacement);
		System.out.printf("MEASURED: kill -9 to replacement running main in %d ms (back-off 500 ms)%n",
				millisSince(began));
		assertThat(isAlive(killed)).isFalse();
		assertThat(isAlive(replacement)).isTrue();
		assertThat(worker(1).restarts()).isEqualTo(1);
		assertThat(worker(1).lastExitCode()).isEqualTo(137);
		assertThat(this.events).containsSubsequence("exited 1 137", "restarting 1 500", "started 1 " + replacement);
		assertThat(worker(2).pid()).isEqualTo(untouched);
		assertThat(worker(2).restarts()).isZero();
	}

	@Test
	void standbyStartsOnceEveryWorkerLinkedAndTakesOverAKilledWorkerAtOnce() {
		start(2, "run", (options) -> options.standby(true));
		awaitLine(this.out, "[worker-1] worker 1 started pid " + pid(1));
		awaitLine(this.out, "[worker-2] worker 2 started pid " + pid(2));
		this.supervisor.linked(1, pid(1));
		assertThat(this.supervisor.standby().pid()).as("no standby before every worker linked").isEqualTo(-1);
		this.supervisor.linked(2, pid(2));
		await().atMost(LAUNCH_TIMEOUT).until(() -> this.supervisor.standby().pid() > 0);
		long standby = this.supervisor.standby().pid();
		this.pids.add(standby);
		awaitLine(this.out, "[standby] worker 0 started pid " + standby);
		long killed = pid(1);
		long began = System.nanoTime();
		ProcessHandle.of(killed).orElseThrow().destroyForcibly();
		awaitLine(this.out, "[worker-1] standby adopted as worker 1");
		System.out.printf("MEASURED: kill -9 of a worker to its standby adopted in %d ms%n", millisSince(began));
		assertThat(worker(1).pid()).isEqualTo(standby);
		assertThat(worker(1).state()).isEqualTo(WorkerState.RUNNING);
		assertThat(worker(1).restarts()).isEqualTo(1);
		assertThat(worker(1).lastExitReason()).isEqualTo("exited with code 137");
		assertThat(this.events).containsSubsequence("exited 1 137", "started 1 " + standby)
			.noneMatch((event) -> event.startsWith("restarting"));
		assertThat(this.supervisor.standby().pid()).isEqualTo(-1);
		// the next standby once the adopted one linked
		this.supervisor.linked(1, standby);
		await().atMost(LAUNCH_TIMEOUT).until(() -> this.supervisor.standby().pid() > 0);
		long next = this.supervisor.standby().pid();
		this.pids.add(next);
		assertThat(next).isNotEqualTo(standby);
		awaitLine(this.out, "[standby] worker 0 started pid " + next);
		this.supervisor.stop();
		assertThat(isAlive(next)).isFalse();
		assertThat(this.out.lines()).contains("[standby] worker 0 leaves: stop requested");
	}

	@Test
	void backOffGrowsForAWorkerThatKeepsDyingAndStaysBounded() {
		RestartBackoff backoff = new RestartBackoff(Duration.ofMillis(100), 2, Duration.ofMillis(400),
				Duration.ofSeconds(30));
		start(1, "exit", (options) -> options.backoff(backoff));
		await().atMost(LAUNCH_TIMEOUT.multipliedBy(2)).until(() -> this.delays.size() >= 5);
		assertThat(this.delays.subList(0, 5)).extracting(Duration::toMillis).containsExactly(100L, 200L, 400L, 400L,
				400L);
		assertThat(worker(1).restarts()).isGreaterThanOrEqualTo(4);
		assertThat(worker(1).lastExitCode()).isEqualTo(3);
		assertThat(this.err.lines()).contains("[worker-1] worker 1 exiting at once");
	}

	@Test
	void stopAsksEveryWorkerToLeaveAndTheyExitCleanlyWithinTheGracePeriod() {
		start(2, "run", UnaryOperator.identity());
		awaitLine(this.out, "[worker-1] worker 1 started pid " + pid(1));
		awaitLine(this.out, "[worker-2] worker 2 started pid " + pid(2));
		long began = System.nanoTime();
		this.supervisor.stop();
		long took = millisSince(began);
		System.out.printf("MEASURED: stop() of two workers took %d ms%n", took);
		assertThat(took).isLessThan(SupervisorOptions.DEFAULT_GRACE_PERIOD.toMillis());
		assertThat(this.pids).noneMatch(WorkerSupervisorTests::isAlive);
		assertThat(this.supervisor.workers()).allSatisfy((worker) -> {
			assertThat(worker.state()).isEqualTo(WorkerState.STOPPED);
			assertThat(worker.lastExitCode()).isZero();
		});
		// asked on their standard input: not mistaken for their primary's death
		assertThat(this.out.lines()).contains("[worker-1] worker 1 leaves: stop requested",
				"[worker-2] worker 2 leaves: stop requested");
		assertThat(this.out.lines()).noneMatch((line) -> line.contains("primary gone"));
		assertThat(this.events).noneMatch((event) -> event.startsWith("restarting"));
	}

	@Test
	void stoppedWorkersLeaveCleanlyAndWhatTheyLogWhileStoppingIsRelayed() {
		start(2, "log-on-stop", UnaryOperator.identity());
		awaitLine(this.out, "[worker-1] worker 1 started pid " + pid(1));
		awaitLine(this.out, "[worker-2] worker 2 started pid " + pid(2));
		this.supervisor.stop();
		assertThat(this.out.lines()).contains("[worker-1] worker 1 stopping", "[worker-2] worker 2 stopping")
			.noneMatch((line) -> line.contains("primary gone"));
		assertThat(this.supervisor.workers()).extracting(WorkerInfo::lastExitCode).containsExactly(0, 0);
	}

	@Test
	void aWorkerEndedBySigtermEndsByItAndWhatItLogsWhileStoppingIsRelayed() {
		// a worker whose link was lost is sent SIGTERM rather than asked: its pipes stay open,
		// so it neither takes its primary for dead nor loses its last lines
		start(1, "log-on-stop", UnaryOperator.identity());
		long ended = pid(1);
		awaitLine(this.out, "[worker-1] worker 1 started pid " + ended);
		this.supervisor.linkLost(1, ended, "no heartbeat for 5s");
		awaitLine(this.out, "[worker-1] worker 1 stopping");
		await().atMost(LAUNCH_TIMEOUT).until(() -> this.events.contains("exited 1 143"));
		assertThat(this.out.lines()).noneMatch((line) -> line.contains("primary gone"));
	}

	@Test
	void stopKillsAWorkerThatDoesNotEndAfterTheGracePeriod() {
		Duration grace = Duration.ofSeconds(1);
		start(1, "ignore-term", (options) -> options.gracePeriod(grace));
		awaitLine(this.out, "[worker-1] worker 1 started pid " + pid(1));
		long began = System.nanoTime();
		this.supervisor.stop();
		long took = millisSince(began);
		assertThat(took).isBetween(grace.toMillis(), grace.toMillis() + 10_000);
		assertThat(isAlive(pid(1))).isFalse();
		assertThat(worker(1).lastExitCode()).isEqualTo(137);
		assertThat(worker(1).state()).isEqualTo(WorkerState.STOPPED);
	}

	@Test
	void stopAlsoTerminatesWhatAWorkerStarted() {
		start(1, "spawn-child", UnaryOperator.identity());
		await().atMost(LAUNCH_TIMEOUT).until(() -> this.out.pidAfter("[worker-1] child pid ") > 0);
		long child = this.out.pidAfter("[worker-1] child pid ");
		this.pids.add(child);
		assertThat(isAlive(child)).isTrue();
		this.supervisor.stop();
		assertThat(isAlive(child)).isFalse();
		assertThat(isAlive(pid(1))).isFalse();
	}

	@Test
	void secretReachesTheWorkerThroughItsEnvironmentNotItsCommandLine() throws Exception {
		byte[] random = new byte[16];
		ThreadLocalRandom.current().nextBytes(random);
		String secret = HexFormat.of().formatHex(random);
		start(1, "run", (options) -> options
			.environment((id) -> Map.of(WorkerEnvironment.IPC_SECRET, secret, WorkerEnvironment.IPC_ENDPOINT, "x")));
		String sha = TestWorkerMain.sha256(secret);
		await().atMost(LAUNCH_TIMEOUT).until(() -> this.out.lines()
			.stream()
			.anyMatch((line) -> line.startsWith("[worker-1] worker 1 started pid " + pid(1) + " ")
					&& line.endsWith(" secret-sha " + sha)));
		// ProcessHandle.Info truncates long command lines: read the kernel's full copy
		String commandLine = Files.readString(Path.of("/proc", Long.toString(pid(1)), "cmdline"),
				StandardCharsets.UTF_8);
		assertThat(commandLine).contains(TestWorkerMain.class.getName()).doesNotContain(secret);
	}

	@Test
	void lastLinesOfAnExitingWorkerAreRelayedBeforeItsExitIsReported() {
		AtomicReference<List<String>> atExit = new AtomicReference<>();
		start(1, "burst", (options) -> options.backoff(new RestartBackoff(Duration.ofMinutes(1), 2,
				Duration.ofMinutes(1), Duration.ofMinutes(1))).listener(new WorkerListener() {

					@Override
					public void exited(int id, int exitCode) {
						atExit.compareAndSet(null, WorkerSupervisorTests.this.out.lines());
					}

				}));
		await().atMost(LAUNCH_TIMEOUT).until(() -> atExit.get() != null);
		List<String> lines = atExit.get();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			expected.add("[worker-1] line " + i);
		}
		expected.add("[worker-1] last line without newline");
		assertThat(lines).containsSubsequence(expected);
	}

	@Test
	void restartReplacesAWorkerAtOnce() {
		start(1, "run", UnaryOperator.identity());
		long first = pid(1);
		awaitLine(this.out, "[worker-1] worker 1 started pid " + first);
		this.supervisor.restart(1);
		await().atMost(LAUNCH_TIMEOUT)
			.until(() -> worker(1).pid() != first && worker(1).state() == WorkerState.RUNNING);
		assertThat(isAlive(first)).isFalse();
		assertThat(isAlive(pid(1))).isTrue();
		assertThat(worker(1).restarts()).isEqualTo(1);
		assertThat(this.events).noneMatch((event) -> event.startsWith("restarting"));
	}

	@Test
	void stopIsIdempotentAndWaitsInEveryCaller() {
		start(2, "run", UnaryOperator.identity());
		assertThat(this.supervisor.isRunning()).isTrue();
		CompletableFuture<Void> other = CompletableFuture.runAsync(this.supervisor::stop);
		this.supervisor.stop();
		assertThat(this.pids).noneMatch(WorkerSupervisorTests::isAlive);
		other.join();
		this.supervisor.stop();
		assertThat(this.supervisor.isRunning()).isFalse();
		assertThat(this.supervisor.workers()).extracting(WorkerInfo::state).containsOnly(WorkerState.STOPPED);
		assertThatIllegalStateException().isThrownBy(this.supervisor::start);
		this.supervisor.restart(1);
		assertThat(this.supervisor.workers()).extracting(WorkerInfo::state).containsOnly(WorkerState.STOPPED);
	}

	@Test
	void sigtermToThePrimaryStopsItsWorkersThroughItsShutdownHook() throws Exception {
		Process primary = TestProcesses.startPrimary("run");
		this.primaries.add(primary);
		CapturedOutput primaryOut = CapturedOutput.follow(primary.getInputStream());
		await().atMost(LAUNCH_TIMEOUT).until(() -> primaryOut.pidAfter("started 1 ") > 0
				&& primaryOut.pidAfter("started 2 ") > 0);
		List<Long> workers = List.of(primaryOut.pidAfter("started 1 "), primaryOut.pidAfter("started 2 "));
		this.pids.addAll(workers);
		awaitLine(primaryOut, "[worker-1] worker 1 started pid " + workers.get(0));
		awaitLine(primaryOut, "[worker-2] worker 2 started pid " + workers.get(1));
		primary.destroy();
		assertThat(primary.waitFor()).isEqualTo(143);
		assertThat(workers).noneMatch(WorkerSupervisorTests::isAlive);
	}

	private void start(int workers, String mode, UnaryOperator<SupervisorOptions.Builder> customizer) {
		WorkerCommand command = WorkerCommand.ofCurrentJvm(TestWorkerMain.class.getName(), WorkerJvm.OPTIONS,
				List.of(mode));
		SupervisorOptions.Builder options = SupervisorOptions.builder(command)
			.workers(workers)
			.output(this.out.stream(), this.err.stream())
			.listener(new RecordingListener());
		this.supervisor = new WorkerSupervisor(customizer.apply(options).build());
		this.supervisor.start();
	}

	private WorkerInfo worker(int id) {
		return this.supervisor.workers().get(id - 1);
	}

	private long pid(int id) {
		return worker(id).pid();
	}

	private static void awaitLine(CapturedOutput output, String start) {
		await().atMost(LAUNCH_TIMEOUT)
			.until(() -> output.lines().stream().anyMatch((line) -> line.startsWith(start + " ") || line.equals(start)));
	}

	static boolean isAlive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	private static long millisSince(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
	}

	private final class RecordingListener implements WorkerListener {

		@Override
		public void started(int id, long pid) {
			WorkerSupervisorTests.this.pids.add(pid);
			WorkerSupervisorTests.this.events.add("started " + id + " " + pid);
		}

		@Override
		public void exited(int id, int exitCode) {
			WorkerSupervisorTests.this.events.add("exited " + id + " " + exitCode);
		}

		@Override
		public void restarting(int id, Duration delay) {
			WorkerSupervisorTests.this.delays.add(delay);
			WorkerSupervisorTests.this.events.add("restarting " + id + " " + delay.toMillis());
		}

	}

}

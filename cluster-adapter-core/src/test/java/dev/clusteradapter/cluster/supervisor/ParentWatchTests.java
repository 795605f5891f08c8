package dev.clusteradapter.cluster.supervisor;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ParentWatch}: its logic on an in-memory pipe, and the real thing with a
 * primary JVM ({@link TestPrimaryMain}) killed by {@code kill -9}.
 */
class ParentWatchTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final List<Long> pids = new ArrayList<>();

	private final List<ParentWatch.Reason> reasons = new CopyOnWriteArrayList<>();

	private final List<Integer> adoptions = new CopyOnWriteArrayList<>();

	private final AtomicInteger halts = new AtomicInteger();

	@AfterEach
	void cleanUp() {
		this.pids.forEach((pid) -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
	}

	@Test
	void leavesOnceAtEndOfInputAndIgnoresUnknownLines() throws Exception {
		PipedOutputStream primary = new PipedOutputStream();
		PipedInputStream stdin = new PipedInputStream(primary);
		watch(stdin, this.reasons::add, Duration.ofMinutes(1)).startThread();
		primary.write(("noise\nadopt x\nadopt 0\nstopped\n" + "stop".repeat(100) + "\n").getBytes());
		primary.flush();
		await().atMost(TIMEOUT).until(() -> stdin.available() == 0);
		assertThat(this.reasons).isEmpty();
		assertThat(this.adoptions).isEmpty();
		primary.close();
		await().atMost(TIMEOUT).until(() -> this.reasons.size() == 1);
		assertThat(this.reasons).containsExactly(ParentWatch.Reason.PRIMARY_GONE);
		assertThat(this.halts).hasValue(0);
	}

	@Test
	void leavesOnceWhenAskedToStopAndHaltsOnlyIfThePrimaryDiesMeanwhile() throws Exception {
		PipedOutputStream primary = new PipedOutputStream();
		watch(new PipedInputStream(primary), this.reasons::add, Duration.ofMillis(200)).startThread();
		primary.write("stop\nstop\n".getBytes());
		primary.flush();
		await().atMost(TIMEOUT).until(() -> this.reasons.size() == 1);
		assertThat(this.reasons).containsExactly(ParentWatch.Reason.STOP_REQUESTED);
		assertThat(this.halts).hasValue(0);
		primary.close();
		await().atMost(TIMEOUT).until(() -> this.halts.get() == 1);
		assertThat(this.reasons).containsExactly(ParentWatch.Reason.STOP_REQUESTED);
	}

	@Test
	void tellsTheWorkerIdOfAnAdoption() throws Exception {
		PipedOutputStream primary = new PipedOutputStream();
		watch(new PipedInputStream(primary), this.reasons::add, Duration.ofMinutes(1)).startThread();
		primary.write("adopt 3\n".getBytes());
		primary.flush();
		await().atMost(TIMEOUT).until(() -> this.adoptions.size() == 1);
		assertThat(this.adoptions).containsExactly(3);
		assertThat(this.reasons).isEmpty();
	}

	@Test
	void haltsWhenTheCallbackDoesNotEndTheJvmByTheDeadline() throws Exception {
		CountDownLatch never = new CountDownLatch(1);
		PipedOutputStream primary = new PipedOutputStream();
		ParentWatch watch = watch(new PipedInputStream(primary), (reason) -> {
			this.reasons.add(reason);
			try {
				never.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, Duration.ofMillis(200));
		watch.startThread();
		primary.close();
		await().atMost(TIMEOUT).until(() -> this.halts.get() == 1);
		assertThat(this.reasons).hasSize(1);
		assertThat(never.getCount()).isOne();
	}

	@Test
	void haltsAtOnceWhenTheCallbackFails() throws Exception {
		PipedOutputStream primary = new PipedOutputStream();
		watch(new PipedInputStream(primary), (reason) -> {
			throw new IllegalStateException("context would not close");
		}, Duration.ofMinutes(1)).startThread();
		primary.close();
		await().atMost(TIMEOUT).until(() -> this.halts.get() == 1);
	}

	private ParentWatch watch(PipedInputStream stdin, Consumer<ParentWatch.Reason> onLeave, Duration deadline) {
		return new ParentWatch(stdin, onLeave, this.adoptions::add, deadline, this.halts::incrementAndGet);
	}

	@Test
	void workersLeaveWithinTenSecondsOfTheirPrimaryBeingKilled() throws Exception {
		Process primary = TestProcesses.startPrimary("run");
		this.pids.add(primary.pid());
		CapturedOutput output = CapturedOutput.follow(primary.getInputStream());
		await().atMost(TIMEOUT).until(() -> output.pidAfter("started 1 ") > 0 && output.pidAfter("started 2 ") > 0);
		List<Long> workers = List.of(output.pidAfter("started 1 "), output.pidAfter("started 2 "));
		this.pids.addAll(workers);
		await().atMost(TIMEOUT)
			.until(() -> output.lines().stream().filter((line) -> line.contains("] worker ")).count() >= 2);
		assertThat(workers).allMatch(WorkerSupervisorTests::isAlive);
		primary.destroyForcibly();
		primary.waitFor();
		long began = System.nanoTime();
		await().atMost(Duration.ofSeconds(10)).until(() -> workers.stream().allMatch(ParentWatchTests::hasExited));
		long exited = Duration.ofNanos(System.nanoTime() - began).toMillis();
		await().atMost(Duration.ofSeconds(10)).until(() -> workers.stream().noneMatch(WorkerSupervisorTests::isAlive));
		System.out.printf("MEASURED: workers exited %d ms and were reaped %d ms after their primary's kill -9%n",
				exited, Duration.ofNanos(System.nanoTime() - began).toMillis());
	}

	/**
	 * Whether a process has exited, zombie included: orphans wait for the host's init to
	 * reap them, which ProcessHandle counts as alive.
	 */
	private static boolean hasExited(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
		}
		catch (IOException ex) {
			return true;
		}
	}

}

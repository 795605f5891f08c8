package dev.clusteradapter.benchmarks.target;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JIT compiler threads' share of a fan-out window: found in a JVM, and told apart from a
 * process that has none (a Node.js server's column stays empty rather than showing 0).
 */
class ProcessStatsTests {

	/** Where the work's result goes, so that the JIT cannot drop the work. */
	static volatile long consumed;

	@Test
	void aJvmsCompilerThreadsAreFoundAndTheirTimeGrowsWithCompiling() {
		List<Long> self = List.of(ProcessHandle.current().pid());
		long before = ProcessStats.compilerCpuMicros(self);
		assertThat(before).isNotNegative();
		// new code to compile, until the compilers have worked at least one tick (a young JVM
		// compiles as it goes: often before the first pass)
		long sum = 0;
		for (int round = 0; round < 200 && ProcessStats.compilerCpuMicros(self) == before; round++) {
			for (int i = 0; i < 200_000; i++) {
				sum += Integer.toHexString(i ^ round).hashCode();
			}
		}
		consumed = sum;
		assertThat(ProcessStats.compilerCpuMicros(self)).isGreaterThan(before);
	}

	@Test
	void aProcessWithoutCompilerThreadsHasNoFigure() throws Exception {
		Process sleep = new ProcessBuilder("sleep", "30").start();
		try {
			assertThat(ProcessStats.compilerCpuMicros(List.of(sleep.pid()))).isEqualTo(-1);
			assertThat(ProcessStats.compilerCpuMicros(List.of())).isEqualTo(-1);
		}
		finally {
			sleep.destroy();
			sleep.waitFor(10, TimeUnit.SECONDS);
		}
	}

}

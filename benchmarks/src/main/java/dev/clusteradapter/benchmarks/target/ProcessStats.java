package dev.clusteradapter.benchmarks.target;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Linux and the JVM tell about a running process: CPU time and resident memory from
 * {@code /proc}, used heap after a full collection from {@code jcmd}.
 */
public final class ProcessStats {

	/** USER_HZ: {@code /proc/<pid>/stat} counts CPU time in these ticks on every Linux ABI in use. */
	private static final long TICKS_PER_SECOND = 100;

	private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

	private ProcessStats() {
	}

	/**
	 * User plus system CPU time of every thread of the process so far.
	 * @param pid the process
	 * @return microseconds, 0 when the process is gone
	 */
	public static long cpuMicros(long pid) {
		long[] split = cpuSplitMicros(pid);
		return split[0] + split[1];
	}

	/**
	 * User and system CPU time of every thread of the process so far, apart: the system part
	 * is mostly the kernel's socket work, the user part the process's own.
	 * @param pid the process
	 * @return microseconds of user and of system time, zeros when the process is gone
	 */
	public static long[] cpuSplitMicros(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			// the command name may hold spaces and parentheses: fields count from the last ')'
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return new long[] { Long.parseLong(fields[11]) * (1_000_000 / TICKS_PER_SECOND),
					Long.parseLong(fields[12]) * (1_000_000 / TICKS_PER_SECOND) };
		}
		catch (IOException | RuntimeException ex) {
			return new long[2];
		}
	}

	/**
	 * System CPU time of several processes summed.
	 * @param pids the processes
	 * @return microseconds
	 */
	public static long systemCpuMicros(List<Long> pids) {
		return pids.stream().mapToLong((pid) -> cpuSplitMicros(pid)[1]).sum();
	}

	/**
	 * Summed CPU time of several processes.
	 * @param pids the processes
	 * @return microseconds
	 */
	public static long cpuMicros(List<Long> pids) {
		return pids.stream().mapToLong(ProcessStats::cpuMicros).sum();
	}

	/**
	 * CPU time so far of the JIT compiler threads of JVMs ({@code C1 CompilerThre…} and
	 * {@code C2 CompilerThre…}, as Linux names HotSpot's threads): what compiling code costs,
	 * which a server stops paying once its code is compiled, while new code paths (a window's
	 * new connections) still reach the compilers' thresholds.
	 * @param pids the processes
	 * @return microseconds, or {@code -1} when none of the processes has such a thread (not a
	 * HotSpot JVM)
	 */
	public static long compilerCpuMicros(List<Long> pids) {
		long ticks = 0;
		boolean found = false;
		for (long pid : pids) {
			File[] tasks = new File("/proc/" + pid + "/task").listFiles();
			if (tasks == null) {
				continue;
			}
			for (File task : tasks) {
				try {
					String stat = Files.readString(task.toPath().resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
						found = true;
					}
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended
				}
			}
		}
		return found ? ticks * (1_000_000 / TICKS_PER_SECOND) : -1;
	}

	/**
	 * Resident set size.
	 * @param pid the process
	 * @return bytes, 0 when unknown
	 */
	public static long residentBytes(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// gone
		}
		return 0;
	}

	/**
	 * Used heap of a JVM right after a full collection ({@code jcmd GC.run}, then
	 * {@code GC.heap_info}; every generation's "used" summed, metaspace left out).
	 * @param pid the JVM
	 * @return bytes
	 * @throws IOException when jcmd fails
	 */
	public static long usedHeapAfterGc(long pid) throws IOException {
		jcmd(pid, "GC.run");
		long usedKb = 0;
		for (String line : jcmd(pid, "GC.heap_info").split("\n")) {
			if (line.contains("Metaspace") || line.contains("class space")) {
				continue;
			}
			Matcher matcher = HEAP_USED.matcher(line);
			if (matcher.find()) {
				usedKb += Long.parseLong(matcher.group(1));
			}
		}
		return usedKb * 1024;
	}

	private static String jcmd(long pid, String command) throws IOException {
		Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException("jcmd " + pid + " " + command + ": " + output);
			}
			return output;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

}

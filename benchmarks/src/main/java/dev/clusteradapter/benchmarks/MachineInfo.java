package dev.clusteradapter.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * The header of a run: what machine and runtimes produced the figures, since they mean
 * nothing without it.
 */
final class MachineInfo {

	private MachineInfo() {
	}

	/**
	 * The header.
	 * @param settings the run's settings
	 * @param load what each round measures for how long, for the rounds line
	 * @return markdown lines
	 */
	static String describe(Settings settings, String load) {
		StringBuilder out = new StringBuilder("## Benchmark run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
			.append(settings.commit().isEmpty() ? "" : " at " + settings.commit())
			.append("\n\n");
		out.append(machine());
		if (settings.nodeStart() != null || settings.redis()) {
			out.append("- node: ").append(firstLines(command("node", "--version"))).append("\n");
		}
		if (settings.redis()) {
			out.append("- redis-server: ").append(firstLines(command("redis-server", "--version"))).append("\n");
		}
		out.append("- rounds: ").append(settings.rounds()).append(" (cells are medians), ").append(load).append("\n");
		out.append("- load client: this JVM, 2 Netty event-loop threads, on the same machine as the servers\n");
		return out.toString();
	}

	/** Processors, CPU model and Java version, one markdown list item each. */
	static String machine() {
		return "- nproc: " + Runtime.getRuntime().availableProcessors() + "\n- CPU: " + cpuModel()
				+ "\n- java -version: " + firstLines(command("java", "-version")) + "\n";
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
		}
		catch (Exception ex) {
			return "unknown";
		}
	}

	private static String command(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor(10, TimeUnit.SECONDS);
			return output;
		}
		catch (Exception ex) {
			return "unavailable";
		}
	}

	private static String firstLines(String text) {
		return String.join(" / ", text.strip().lines().limit(3).toList());
	}

}

package dev.clusteradapter.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.scenario.SlowClientMemory;
import dev.clusteradapter.benchmarks.target.Target;

/**
 * The bound on what clients that stop reading hold in a worker: the sample cluster with one
 * worker, floods of {@code broadcast} (by default 500/s of 10 KB for 20 s) with no stalled
 * client (the worker's own growth under the flood: the fixed margin), with stalled clients
 * and the outbound limit at its default, and with the same clients and the limit out of
 * reach (as before it existed). Prints a markdown table and whether the growth with the
 * limit stayed within stalled clients × limit + margin.
 * <pre>
 * slow-clients --sample-jar JAR [--stalled 50] [--rate 500] [--payload 10240] [--seconds 20] [--logs DIR]
 * </pre>
 */
final class SlowClientsRun {

	private static final long LIMIT = 1024 * 1024;

	/** Out of reach: the limit as good as absent. */
	private static final String UNLIMITED = "1TB";

	/** The same heap for every run, so that the JVM's own sizing does not move the figures. */
	private static final List<String> JVM_OPTIONS = List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch");

	private SlowClientsRun() {
	}

	static void main(String[] args) throws Exception {
		Path sample = null;
		Path logs = Path.of("benchmarks/target/logs");
		int stalled = 50;
		int rate = 500;
		int payload = 10 * 1024;
		int seconds = 20;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--sample-jar" -> sample = Path.of(args[++i]);
				case "--logs" -> logs = Path.of(args[++i]);
				case "--stalled" -> stalled = Integer.parseInt(args[++i]);
				case "--rate" -> rate = Integer.parseInt(args[++i]);
				case "--payload" -> payload = Integer.parseInt(args[++i]);
				case "--seconds" -> seconds = Integer.parseInt(args[++i]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		if (sample == null) {
			throw new IllegalArgumentException("--sample-jar is required");
		}
		Files.createDirectories(logs);
		System.out.printf(Locale.ROOT, "## Slow clients, %s%n%n%s%nflood: %d broadcasts/s of %d B for %d s, 1 worker (%s)%n%n",
				Instant.now().truncatedTo(ChronoUnit.SECONDS), MachineInfo.machine(), rate, payload, seconds,
				String.join(" ", JVM_OPTIONS));
		System.out.println("| stalled clients | max-outbound-buffer | worker RSS before | peak | 3 s after | peak growth "
				+ "| stalled clients disconnected | broadcasts received by a reader |");
		System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
		try (EngineIoClient client = new EngineIoClient(2)) {
			SlowClientMemory scenario = new SlowClientMemory(client);
			SlowClientMemory.Result margin = measure(scenario, sample, logs, 0, "1MB", rate, payload, seconds);
			SlowClientMemory.Result limited = measure(scenario, sample, logs, stalled, "1MB", rate, payload, seconds);
			measure(scenario, sample, logs, stalled, UNLIMITED, rate, payload, seconds);
			long bound = stalled * LIMIT + Math.max(0, margin.peakGrowth());
			System.out.printf(Locale.ROOT, "%nbound: %d × 1 MB + margin %s = %s; with the limit: %s, %s%n", stalled,
					mb(margin.peakGrowth()), mb(bound), mb(limited.peakGrowth()),
					(limited.peakGrowth() <= bound) ? "within" : "OVER");
		}
	}

	private static SlowClientMemory.Result measure(SlowClientMemory scenario, Path sample, Path logs, int stalled,
			String limit, int rate, int payload, int seconds) throws Exception {
		Path log = logs.resolve("slow-clients-" + stalled + "-" + limit + ".log");
		Target target = Target.ours(sample, 1, RoundRunner.freePort(), log, JVM_OPTIONS,
				List.of("--socketio.server.max-outbound-buffer=" + limit));
		try (EngineIoClient probe = new EngineIoClient(1)) {
			target.start(probe, Duration.ofMinutes(4));
		}
		try {
			SlowClientMemory.Result result = scenario.run(target, stalled, rate, payload, seconds);
			System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %d of %d | %d of %s |%n", stalled,
					limit.equals(UNLIMITED) ? "1 TB (no limit)" : limit, mb(result.rssBefore()), mb(result.rssPeak()),
					mb(result.rssAfter()), mb(result.peakGrowth()), result.stalledDisconnected(), stalled,
					result.received(), result.sent() + (result.readerDisconnected() ? " (reader disconnected)" : ""));
			return result;
		}
		finally {
			target.stop();
		}
	}

	private static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

}

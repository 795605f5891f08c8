package dev.clusteradapter.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run measures and for how long: the defaults of the main suite fit about 15 minutes
 * on a 2-core machine, {@code --quick} about 5 (one round, shorter windows); the Redis suite
 * takes 5 rounds ({@code --quick}: 2).
 *
 * @param suite which scenarios run
 * @param sampleJar the sample application jar (our cluster)
 * @param baselineJar another build of the sample measured beside it (the Redis suite's
 * "before" columns), null without one
 * @param benchmarksJar this module's jar (the netty-socketio baseline runs from it)
 * @param nodeStart the Node.js reference cluster's start script, null without it
 * @param jsClients the project's {@code js-clients} folder (its Node server with the Redis adapter)
 * @param output where the markdown table is written
 * @param logs folder for the targets' output
 * @param rounds rounds of each scenario (medians over them)
 * @param fanOutSeconds fan-out window
 * @param warmUpSeconds the Redis suite: how long each fleet carries the fan-out load, uncounted,
 * before its first measured window (every fleet alike: a JVM's JIT compilers need tens of seconds
 * at that modest rate to reach their steady state; later rounds find the fleet warm)
 * @param saturationSeconds window of each saturation step
 * @param saturationRates broadcast rates tried in turn
 * @param crossSeconds room-emit window
 * @param requests measured requests of each kind
 * @param commit the commit measured, for the header
 */
record Settings(Suite suite, Path sampleJar, Path baselineJar, Path benchmarksJar, Path nodeStart, Path jsClients, Path output, Path logs,
		int rounds, double fanOutSeconds, double warmUpSeconds, double saturationSeconds, List<Integer> saturationRates, double crossSeconds,
		int requests, String commit) {

	/** The Redis suite's warm-up of each fleet before its first fan-out window, by default. */
	static final double WARM_UP_SECONDS = 30;

	static final List<Integer> RATES = List.of(50, 100, 200, 300, 450, 600, 800, 1000, 1300, 1600, 2000, 2500);

	static Settings parse(String[] args) {
		boolean quick = false;
		Suite suite = Suite.MAIN;
		Path sample = null;
		Path baseline = null;
		Path jar = null;
		Path node = null;
		Path jsClients = Path.of("js-clients");
		Path output = null;
		Path logs = Path.of("benchmarks/target/logs");
		String commit = "";
		Double warmUp = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--redis" -> suite = Suite.REDIS;
				case "--redis-outage" -> suite = Suite.REDIS_OUTAGE;
				case "--sample-jar" -> sample = Path.of(args[++i]);
				case "--baseline-sample-jar" -> baseline = Path.of(args[++i]);
				case "--benchmarks-jar" -> jar = Path.of(args[++i]);
				case "--node" -> node = Path.of(args[++i]);
				case "--js-clients" -> jsClients = Path.of(args[++i]);
				case "--output" -> output = Path.of(args[++i]);
				case "--logs" -> logs = Path.of(args[++i]);
				case "--commit" -> commit = args[++i];
				case "--warm-up-seconds" -> warmUp = seconds(args[++i]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		if (sample == null || jar == null) {
			throw new IllegalArgumentException("--sample-jar and --benchmarks-jar are required");
		}
		if (output == null) {
			output = Path.of((suite == Suite.MAIN) ? "benchmarks/results/latest.md" : "benchmarks/results/redis.md");
		}
		if (suite != Suite.MAIN) {
			double warmUpSeconds = (warmUp != null) ? warmUp : quick ? 10 : WARM_UP_SECONDS;
			return new Settings(suite, sample, baseline, jar, node, jsClients, output, logs, quick ? 2 : 5, quick ? 5 : 10,
					warmUpSeconds, 0, List.of(), 0, quick ? 100 : 300, commit);
		}
		return quick ? new Settings(suite, sample, baseline, jar, node, jsClients, output, logs, 1, 5, 0, 3, RATES, 5, 100, commit)
				: new Settings(suite, sample, baseline, jar, node, jsClients, output, logs, 2, 10, 0, 5, RATES, 10, 300, commit);
	}

	private static double seconds(String value) {
		double seconds;
		try {
			seconds = Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--warm-up-seconds needs a number of seconds, not '" + value + "'", ex);
		}
		if (!(seconds >= 0)) {
			throw new IllegalArgumentException("--warm-up-seconds needs 0 or more seconds, not " + value);
		}
		return seconds;
	}

	/**
	 * Whether the run needs Redis (and Node with the Redis adapter).
	 * @return whether the suite is a Redis one
	 */
	boolean redis() {
		return this.suite != Suite.MAIN;
	}

	/** The scenario sets a run can take. */
	enum Suite {

		/** Every scenario of the benchmarks issue, one host. */
		MAIN,

		/** Across hosts over Redis beside Node's Redis adapter and our IPC, then Redis killed mid-load. */
		REDIS,

		/** Only Redis killed mid-load. */
		REDIS_OUTAGE

	}

}

package dev.clusteradapter.benchmarks;

import dev.clusteradapter.benchmarks.baseline.BaselineServer;
import dev.clusteradapter.benchmarks.floor.FloorServer;

/**
 * Entry point of the benchmarks jar: {@code run [--quick] [--redis | --redis-outage]
 * --sample-jar … [--baseline-sample-jar …] --benchmarks-jar … [--node start.sh] [--js-clients dir]} runs a suite of
 * scenarios and prints the table; {@code slow-clients …} measures the memory clients that stop
 * reading hold in a worker (see {@link SlowClientsRun}); {@code baseline <port>} is the
 * single-node netty-socketio server the run starts as its own JVM; {@code floor <port>} the least a
 * Netty server can do per delivery (see {@link FloorServer}).
 */
public final class BenchmarkCommand {

	private BenchmarkCommand() {
	}

	/**
	 * Runs a subcommand.
	 * @param args {@code run …} or {@code baseline <port>}
	 * @throws Exception when the run cannot start
	 */
	public static void main(String[] args) throws Exception {
		if (args.length >= 2 && args[0].equals("baseline")) {
			BaselineServer.run(Integer.parseInt(args[1]));
		}
		else if (args.length >= 2 && args[0].equals("floor")) {
			FloorServer.run(Integer.parseInt(args[1]), args.length >= 3 && args[2].equals("io_uring"));
		}
		else if (args.length >= 1 && args[0].equals("slow-clients")) {
			SlowClientsRun.main(java.util.Arrays.copyOfRange(args, 1, args.length));
			System.exit(0);
		}
		else if (args.length >= 1 && args[0].equals("run")) {
			Settings settings = Settings.parse(java.util.Arrays.copyOfRange(args, 1, args.length));
			if (settings.redis()) {
				new RedisBenchmarkRun(settings).run();
			}
			else {
				new BenchmarkRun(settings).run();
			}
			System.exit(0);
		}
		else {
			System.err.println("usage: run [--quick] [--redis | --redis-outage] --sample-jar JAR [--baseline-sample-jar JAR]"
					+ " --benchmarks-jar JAR [--node START_SCRIPT] [--js-clients DIR] [--output FILE] [--logs DIR] | slow-clients --sample-jar JAR"
					+ " [--stalled N] [--rate N] [--payload BYTES] [--seconds N] [--logs DIR] | baseline PORT | floor PORT [io_uring]");
			System.exit(2);
		}
	}

}

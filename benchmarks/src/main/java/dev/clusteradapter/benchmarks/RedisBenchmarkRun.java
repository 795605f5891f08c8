package dev.clusteradapter.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.report.ResultTable;
import dev.clusteradapter.benchmarks.report.ResultTable.Cells;
import dev.clusteradapter.benchmarks.report.ResultTable.Ratio;
import dev.clusteradapter.benchmarks.scenario.BroadcastFanOut;
import dev.clusteradapter.benchmarks.scenario.ClusterRequests;
import dev.clusteradapter.benchmarks.scenario.RedisOutage;
import dev.clusteradapter.benchmarks.target.RedisBroker;
import dev.clusteradapter.benchmarks.target.Target;

/**
 * The Redis suite: four processes on one Redis — our sample's standalone peers, or Node.js
 * servers with {@code @socket.io/redis-adapter} — in classic and sharded mode, beside our
 * IPC cluster (a primary and four workers) as the one-host baseline, alternating; then
 * Redis killed and restarted under two of our peers' broadcast load. With a baseline jar
 * ({@code --baseline-sample-jar}), that build's peers run in both modes too, in the same
 * rounds: a change measured before and after on the same machine load.
 */
final class RedisBenchmarkRun {

	static final String OURS_CLASSIC = "ours classic";

	static final String NODE_CLASSIC = "node classic";

	static final String OURS_SHARDED = "ours sharded";

	static final String NODE_SHARDED = "node sharded";

	static final String OURS_IPC = "ours IPC";

	static final String BEFORE_CLASSIC = "before classic";

	static final String BEFORE_SHARDED = "before sharded";

	private static final int PROCESSES = 4;

	private static final int CLIENTS = 200;

	private static final int RATE = 50;

	private static final int PAYLOAD = 32;

	private static final int SOCKETS = 1000;

	/** Seconds of uncounted load before each fan-out window after a fleet's first. */
	private static final double SHORT_WARM_UP = 3;

	private static final int OUTAGE_PEERS = 2;

	private static final int OUTAGE_CLIENTS = 100;

	private static final int OUTAGE_RATE = 100;

	static final String FAN_OUT = "fan-out: " + CLIENTS + " WS over " + PROCESSES + " processes, " + PROCESSES
			+ " senders (one per process), " + RATE + " broadcasts/s, " + PAYLOAD + " B";

	static final String FETCH = "fetchSockets: " + PROCESSES + " processes, " + SOCKETS + " sockets";

	static final String SERVER_SIDE_EMIT = "serverSideEmit+ack: " + PROCESSES + " processes, " + SOCKETS + " sockets";

	static final String OUTAGE = "Redis SIGKILL, restart after 2 s: " + OUTAGE_PEERS + " peers, " + OUTAGE_CLIENTS
			+ " WS, " + OUTAGE_RATE + " broadcasts/s";

	// four JVMs starting at once on two busy cores take minutes
	private static final Duration START_TIMEOUT = Duration.ofSeconds(600);

	private final Settings settings;

	private final RoundRunner runner;

	RedisBenchmarkRun(Settings settings) {
		this.settings = settings;
		this.runner = new RoundRunner(settings.rounds());
	}

	void run() throws Exception {
		Instant began = Instant.now();
		String machine = MachineInfo.describe(this.settings, "fan-out window " + this.settings.fanOutSeconds()
				+ " s after a warm-up of " + this.settings.warmUpSeconds() + " s in each fleet's first round ("
				+ SHORT_WARM_UP + " s in later ones), requests " + this.settings.requests() + " of each kind after 500 uncounted;"
				+ " a cell is the median [smallest, largest] of the rounds");
		System.out.println(machine);
		Files.createDirectories(this.settings.logs());
		StringBuilder tables = new StringBuilder();
		try (EngineIoClient client = new EngineIoClient(2)) {
			if (this.settings.suite() == Settings.Suite.REDIS) {
				comparison(client);
				tables.append(comparisonTable().render(this.runner.measurements())).append("\n");
			}
			outage(client);
			tables.append(outageTable().render(this.runner.measurements()));
		}
		this.runner.report(machine, tables.toString(), began, this.settings.output());
	}

	private void comparison(EngineIoClient client) throws IOException {
		Path jar = this.settings.sampleJar();
		Path node = this.settings.jsClients().resolve("redis-node-server.js");
		try (RedisBroker redis = RedisBroker.start()) {
			// one Redis for every fleet: ours listen on prefixes of their own (as long as Node's
			// "socket.io"), so that no fleet hears another
			List<Target> fleets = new ArrayList<>(List.of(
					Target.oursOverRedis(OURS_CLASSIC, jar, "classic", redis, "javaio-cl", ports(PROCESSES),
							log("ours-classic")),
					Target.nodeOverRedis(NODE_CLASSIC, node, "classic", redis, ports(PROCESSES), log("node-classic")),
					Target.oursOverRedis(OURS_SHARDED, jar, "sharded", redis, "javaio-sh", ports(PROCESSES),
							log("ours-sharded")),
					Target.nodeOverRedis(NODE_SHARDED, node, "sharded", redis, ports(PROCESSES), log("node-sharded")),
					Target.ours(jar, PROCESSES, RoundRunner.freePort(), log("ours-ipc.log")).named(OURS_IPC)));
			Path baseline = this.settings.baselineJar();
			if (baseline != null) {
				fleets.add(Target.oursOverRedis(BEFORE_CLASSIC, baseline, "classic", redis, "javaio-bc", ports(PROCESSES),
						log("before-classic")));
				fleets.add(Target.oursOverRedis(BEFORE_SHARDED, baseline, "sharded", redis, "javaio-bs", ports(PROCESSES),
						log("before-sharded")));
			}
			List<Target> targets = started(client, fleets);
			try {
				fanOut(client, targets);
				requests(client, targets);
			}
			finally {
				this.runner.stop(targets);
			}
		}
	}

	private void fanOut(EngineIoClient client, List<Target> targets) {
		Set<String> warm = new HashSet<>();
		this.runner.inRounds(FAN_OUT, targets, (target) -> {
			try (BroadcastFanOut fanOut = new BroadcastFanOut(client, target, CLIENTS, PAYLOAD)) {
				// a fleet's first window comes after the long warm-up (every fleet alike), later
				// ones after the short one: the processes stay up between rounds, and warm
				fanOut.warmUp(PROCESSES, RATE, warm.add(target.name()) ? this.settings.warmUpSeconds() : SHORT_WARM_UP);
				double resting = fanOut.restingServerCpuMillisPerSecond(5);
				BroadcastFanOut.Window window = fanOut.measure(PROCESSES, RATE, this.settings.fanOutSeconds(), 10_000);
				RoundRunner.progress(target.name() + " " + window);
				record(FAN_OUT, target, "server CPU µs / delivery", window.serverCpuMicrosPerDelivered());
				record(FAN_OUT, target, "of which redis-server µs / delivery", window.brokerCpuMicrosPerDelivered());
				record(FAN_OUT, target, "of which JIT compiler threads µs / delivery", window.compilerCpuMicrosPerDelivered());
				record(FAN_OUT, target, "server CPU at rest, ms / s", resting);
				record(FAN_OUT, target, "latency p50 ms", window.p50Millis());
				record(FAN_OUT, target, "latency p99 ms", window.p99Millis());
				record(FAN_OUT, target, "lost deliveries", window.lost());
				record(FAN_OUT, target, "deliveries / s", window.deliveredPerSecond());
				record(FAN_OUT, target, "load client CPU µs / delivery", window.clientCpuMicrosPerDelivered());
			}
		});
	}

	private void requests(EngineIoClient client, List<Target> targets) {
		ClusterRequests requests = new ClusterRequests(client);
		this.runner.inRounds(FETCH, targets, (target) -> {
			ClusterRequests.Result result = requests.run(target, SOCKETS, this.settings.requests());
			RoundRunner.progress(target.name() + " " + result);
			if (!result.complete()) {
				this.runner.note("- " + target.name() + ": " + result.shortFetches() + " fetchSockets replies did not list"
						+ " every socket, " + result.shortEmits() + " server-side emits did not hear every process; the last: "
						+ result.lastShort());
			}
			record(FETCH, target, "round trip p50 ms", result.fetchP50Millis());
			record(FETCH, target, "round trip p99 ms", result.fetchP99Millis());
			record(SERVER_SIDE_EMIT, target, "round trip p50 ms", result.emitP50Millis());
			record(SERVER_SIDE_EMIT, target, "round trip p99 ms", result.emitP99Millis());
		});
	}

	private void outage(EngineIoClient client) throws IOException {
		Path jar = this.settings.sampleJar();
		RedisOutage outage = new RedisOutage(client);
		try (RedisBroker redis = RedisBroker.start()) {
			List<Target> targets = started(client,
					List.of(Target.oursOverRedis(OURS_CLASSIC, jar, "classic", redis, "javaio-cl", ports(OUTAGE_PEERS),
							log("outage-ours-classic")),
							Target.oursOverRedis(OURS_SHARDED, jar, "sharded", redis, "javaio-sh", ports(OUTAGE_PEERS),
									log("outage-ours-sharded"))));
			try {
				for (Target target : targets) {
					// a cold JVM lags by seconds under its first load: broadcasts sent before the
					// kill would still be queued in it when Redis dies, and count as lost
					this.runner.attempt(OUTAGE + ", warm-up", target, (warmed) -> {
						try (BroadcastFanOut load = new BroadcastFanOut(client, warmed, OUTAGE_CLIENTS, 0)) {
							load.warmUp(OUTAGE_PEERS, OUTAGE_RATE);
							load.warmUp(OUTAGE_PEERS, OUTAGE_RATE);
						}
					});
				}
				this.runner.inRounds(OUTAGE, targets, (target) -> {
					RedisOutage.Result result = outage.run(target, redis, OUTAGE_CLIENTS, OUTAGE_RATE, Duration.ofSeconds(3),
							Duration.ofSeconds(2), Duration.ofSeconds(3));
					RoundRunner.progress(target.name() + " " + result.figures() + ", alive " + result.processesAlive()
							+ ", disconnected " + result.clientsDisconnected() + "; missed: " + result.losses());
					record(OUTAGE, target, "Redis down: kill until it answers again, ms", result.figures().downMillis());
					record(OUTAGE, target, "loss window ms", result.figures().lossWindowMillis());
					record(OUTAGE, target, "lost cross-host deliveries", result.figures().lostCrossHost());
					record(OUTAGE, target, "broadcasts that missed a cross-host client",
							result.figures().missedBroadcasts());
					record(OUTAGE, target, "first loss, ms after the kill", result.figures().firstLossAfterKillMillis());
					record(OUTAGE, target, "last loss, ms after the restart",
							result.figures().lastLossAfterRestartMillis());
					record(OUTAGE, target, "crossing again, ms after the restart",
							result.figures().flowingAfterRestartMillis());
					record(OUTAGE, target, "lost local deliveries", result.figures().lostLocal());
					record(OUTAGE, target, "processes died", result.processesAlive() ? 0 : 1);
					record(OUTAGE, target, "clients disconnected", result.clientsDisconnected());
					if (!result.processesAlive()) {
						this.runner.note("- " + OUTAGE + ": a process of " + target.name() + " died; its log is in "
								+ logs());
					}
				});
			}
			finally {
				this.runner.stop(targets);
			}
		}
	}

	/** The targets that started; each one that did not leaves a note. */
	private List<Target> started(EngineIoClient client, List<Target> targets) {
		List<Target> started = new ArrayList<>();
		for (Target target : targets) {
			try {
				this.runner.start(client, List.of(target), START_TIMEOUT);
				started.add(target);
			}
			catch (IOException ex) {
				String note = "- " + target.name() + " did not start: " + ex.getMessage();
				RoundRunner.progress(note);
				this.runner.note(note);
			}
		}
		return started;
	}

	private ResultTable comparisonTable() {
		List<String> columns = new ArrayList<>(List.of(OURS_CLASSIC, NODE_CLASSIC, OURS_SHARDED, NODE_SHARDED, OURS_IPC));
		List<Ratio> ratios = new ArrayList<>(List.of(new Ratio("ours/node classic", OURS_CLASSIC, NODE_CLASSIC),
				new Ratio("ours/node sharded", OURS_SHARDED, NODE_SHARDED)));
		if (this.settings.baselineJar() != null) {
			columns.addAll(List.of(BEFORE_CLASSIC, BEFORE_SHARDED));
			ratios.addAll(List.of(new Ratio("ours/before classic", OURS_CLASSIC, BEFORE_CLASSIC),
					new Ratio("ours/before sharded", OURS_SHARDED, BEFORE_SHARDED)));
		}
		return new ResultTable(columns, ratios, true)
			.row(FAN_OUT, "server CPU µs / delivery", "below node", ahead("server CPU µs / delivery"))
			.row(FAN_OUT, "of which redis-server µs / delivery")
			.row(FAN_OUT, "of which JIT compiler threads µs / delivery")
			.row(FAN_OUT, "server CPU at rest, ms / s")
			.row(FAN_OUT, "latency p50 ms", "below node", ahead("latency p50 ms"))
			.row(FAN_OUT, "latency p99 ms", "below node", ahead("latency p99 ms"))
			.countRow(FAN_OUT, "lost deliveries", "0", (cells) -> cells.require("lost deliveries", OURS_CLASSIC) == 0
					&& cells.require("lost deliveries", OURS_SHARDED) == 0)
			.row(FAN_OUT, "deliveries / s")
			.row(FAN_OUT, "load client CPU µs / delivery")
			.row(FETCH, "round trip p50 ms", "below node", ahead("round trip p50 ms"))
			.row(FETCH, "round trip p99 ms", "below node", ahead("round trip p99 ms"))
			.row(SERVER_SIDE_EMIT, "round trip p50 ms", "below node", ahead("round trip p50 ms"))
			.row(SERVER_SIDE_EMIT, "round trip p99 ms", "below node", ahead("round trip p99 ms"));
	}

	/** Ours below Node's fleet in both modes. */
	private static Predicate<Cells> ahead(String metric) {
		return (cells) -> cells.require(metric, OURS_CLASSIC) <= cells.requirePositive(metric, NODE_CLASSIC)
				&& cells.require(metric, OURS_SHARDED) <= cells.requirePositive(metric, NODE_SHARDED);
	}

	private ResultTable outageTable() {
		return new ResultTable(List.of(OURS_CLASSIC, OURS_SHARDED), List.of(), true)
			.row(OUTAGE, "Redis down: kill until it answers again, ms")
			.row(OUTAGE, "loss window ms")
			.countRow(OUTAGE, "lost cross-host deliveries", "", null)
			.countRow(OUTAGE, "broadcasts that missed a cross-host client", "", null)
			.row(OUTAGE, "first loss, ms after the kill")
			.row(OUTAGE, "last loss, ms after the restart")
			.row(OUTAGE, "crossing again, ms after the restart")
			.countRow(OUTAGE, "lost local deliveries", "0", none("lost local deliveries"))
			.countRow(OUTAGE, "processes died", "0", none("processes died"))
			.countRow(OUTAGE, "clients disconnected", "0", none("clients disconnected"));
	}

	/** Zero in every round of both modes (the largest figure, not the median). */
	private Predicate<Cells> none(String metric) {
		return (cells) -> this.runner.measurements().max(OUTAGE, metric, OURS_CLASSIC) == 0
				&& this.runner.measurements().max(OUTAGE, metric, OURS_SHARDED) == 0;
	}

	private void record(String scenario, Target target, String metric, double value) {
		this.runner.record(scenario, target, metric, value);
	}

	private Path logs() {
		return this.settings.logs().toAbsolutePath();
	}

	/** A file in the logs folder (a fleet appends {@code -<index>.log} to it). */
	private Path log(String name) {
		return logs().resolve(name);
	}

	private static List<Integer> ports(int count) throws IOException {
		List<Integer> ports = new ArrayList<>();
		while (ports.size() < count) {
			int port = RoundRunner.freePort();
			if (!ports.contains(port)) {
				ports.add(port);
			}
		}
		return ports;
	}

}

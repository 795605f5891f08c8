package dev.clusteradapter.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.clusteradapter.benchmarks.RoundRunner.Measurement;
import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.report.ResultTable;
import dev.clusteradapter.benchmarks.scenario.BroadcastFanOut;
import dev.clusteradapter.benchmarks.scenario.ClusterRequests;
import dev.clusteradapter.benchmarks.scenario.ConnectionStorm;
import dev.clusteradapter.benchmarks.scenario.CrossWorkerEmit;
import dev.clusteradapter.benchmarks.scenario.IdleMemory;
import dev.clusteradapter.benchmarks.target.Target;

/**
 * One benchmark run: starts the targets, runs each scenario on them in turn (the order
 * rotating every round, see {@link RoundRunner}), collects the figures and prints the table.
 */
final class BenchmarkRun {

	static final String FAN_OUT = "fan-out: 500 WS, 5 senders, 100/s, 32 B";

	static final String SATURATION = "saturation: rate steps, 500 WS";

	static final String ROOM_EMIT = "room emit: 100/s per kind, 2 workers";

	static final String FETCH = "fetchSockets: 4 workers, 1000 sockets";

	static final String SERVER_SIDE_EMIT = "serverSideEmit+ack: 4 workers, 1000 sockets";

	static final String STORM = "storm: 2000 WS + 200 polling in 10 s";

	static final String MEMORY = "memory: idle WS";

	private static final int CLIENTS = 500;

	private static final int SENDERS = 5;

	private static final int PAYLOAD = 32;

	private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

	private final Settings settings;

	private final RoundRunner runner;

	BenchmarkRun(Settings settings) {
		this.settings = settings;
		this.runner = new RoundRunner(settings.rounds());
	}

	void run() throws Exception {
		Instant began = Instant.now();
		String machine = MachineInfo.describe(this.settings, "fan-out window " + this.settings.fanOutSeconds()
				+ " s, saturation step " + this.settings.saturationSeconds() + " s, room-emit window "
				+ this.settings.crossSeconds() + " s, requests " + this.settings.requests() + " of each kind");
		System.out.println(machine);
		Files.createDirectories(this.settings.logs());
		try (EngineIoClient client = new EngineIoClient(2)) {
			runPhase(client, 2, true, (targets) -> {
				fanOut(client, targets);
				saturation(client, targets);
				List<Target> full = targets.stream().filter(Target::servesProbeContract).toList();
				roomEmit(client, full);
				storm(client, full);
				memory(client, full);
			});
			runPhase(client, 4, false, (targets) -> requests(client, targets));
		}
		this.runner.report(machine, table().render(this.runner.measurements()), began, this.settings.output());
	}

	/**
	 * Starts the targets with this many workers, runs the scenarios, stops them; targets
	 * that do not start leave a note.
	 */
	private void runPhase(EngineIoClient client, int workers, boolean baseline, Phase phase) {
		List<Target> targets;
		try {
			targets = start(client, workers, baseline);
		}
		catch (IOException ex) {
			String note = "- targets with " + workers + " workers did not start: " + ex.getMessage();
			RoundRunner.progress(note);
			this.runner.note(note);
			return;
		}
		try {
			phase.run(targets);
		}
		finally {
			this.runner.stop(targets);
		}
	}

	private List<Target> start(EngineIoClient client, int workers, boolean baseline) throws IOException {
		List<Target> targets = new ArrayList<>();
		targets.add(Target.ours(this.settings.sampleJar(), workers, freePort(), log("ours-" + workers)));
		if (this.settings.nodeStart() != null) {
			targets.add(Target.node(this.settings.nodeStart(), workers, freePort(), log("node-" + workers)));
		}
		if (baseline) {
			targets.add(Target.nettySocketIo(this.settings.benchmarksJar(), freePort(), log("netty-socketio")));
			targets.add(Target.floor(this.settings.benchmarksJar(), freePort(), log("floor")));
		}
		this.runner.start(client, targets, START_TIMEOUT);
		return targets;
	}

	private Path log(String name) {
		return this.settings.logs().resolve(name + ".log").toAbsolutePath();
	}

	private static int freePort() throws IOException {
		return RoundRunner.freePort();
	}

	private void fanOut(EngineIoClient client, List<Target> targets) {
		inRounds(FAN_OUT, targets, (target) -> {
			try (BroadcastFanOut fanOut = new BroadcastFanOut(client, target, CLIENTS, PAYLOAD)) {
				fanOut.warmUp(SENDERS);
				noteConnectFailures(FAN_OUT, target, fanOut.connectFailures());
				BroadcastFanOut.Window window = fanOut.measure(SENDERS, 100, this.settings.fanOutSeconds(), 10_000);
				progress(target.name() + " " + window);
				record(FAN_OUT, target, "server CPU µs / delivery", window.serverCpuMicrosPerDelivered());
				record(FAN_OUT, target, "of which system µs / delivery", window.serverSystemMicrosPerDelivered());
				record(FAN_OUT, target, "of which JIT compiler threads µs / delivery", window.compilerCpuMicrosPerDelivered());
				if (target.workers() > 1) {
					// a single node is its own primary: the share would repeat the total
					record(FAN_OUT, target, "of which primary µs / delivery", window.primaryCpuMicrosPerDelivered());
				}
				record(FAN_OUT, target, "latency p50 ms", window.p50Millis());
				record(FAN_OUT, target, "latency p99 ms", window.p99Millis());
				record(FAN_OUT, target, "lost deliveries", window.lost());
				record(FAN_OUT, target, "deliveries / s", window.deliveredPerSecond());
				record(FAN_OUT, target, "load client CPU µs / delivery", window.clientCpuMicrosPerDelivered());
			}
		});
	}

	private void saturation(EngineIoClient client, List<Target> targets) {
		inRounds(SATURATION, targets, (target) -> {
			try (BroadcastFanOut fanOut = new BroadcastFanOut(client, target, CLIENTS, PAYLOAD)) {
				fanOut.warmUp(SENDERS);
				noteConnectFailures(SATURATION, target, fanOut.connectFailures());
				BroadcastFanOut.Window last = null;
				for (int rate : this.settings.saturationRates()) {
					BroadcastFanOut.Window window = fanOut.measure(SENDERS, rate, this.settings.saturationSeconds(),
							5_000);
					progress(target.name() + " " + window);
					if (window.p99Millis() > 1000 || window.lost() > 0) {
						break;
					}
					last = window;
				}
				record(SATURATION, target, "max broadcasts / s with p99 ≤ 1 s", (last != null) ? last.rate() : 0);
				record(SATURATION, target, "deliveries / s at that rate",
						(last != null) ? last.deliveredPerSecond() : 0);
				record(SATURATION, target, "server CPU µs / delivery at that rate",
						(last != null) ? last.serverCpuMicrosPerDelivered() : Double.NaN);
			}
		});
	}

	private void roomEmit(EngineIoClient client, List<Target> targets) {
		CrossWorkerEmit emit = new CrossWorkerEmit(client);
		inRounds(ROOM_EMIT, targets, (target) -> {
			CrossWorkerEmit.Result result = emit.run(target, 100, this.settings.crossSeconds());
			progress(target.name() + " " + result);
			record(ROOM_EMIT, target, "same-worker p50 ms", result.sameP50Millis());
			record(ROOM_EMIT, target, "cross-worker p50 ms", result.crossP50Millis());
			record(ROOM_EMIT, target, "same-worker p99 ms", result.sameP99Millis());
			record(ROOM_EMIT, target, "cross-worker p99 ms", result.crossP99Millis());
			record(ROOM_EMIT, target, "lost", result.lost());
		});
	}

	private void storm(EngineIoClient client, List<Target> targets) {
		ConnectionStorm storm = new ConnectionStorm(client);
		inRounds(STORM, targets, (target) -> {
			try {
				ConnectionStorm.Result result = storm.run(target, 2000, 200, 10);
				progress(target.name() + " " + result);
				record(STORM, target, "failures", result.failures());
				if (result.failures() > 0) {
					this.runner.note("- " + STORM + " on " + target.name() + ": " + result.failures() + " failures ("
							+ result.pollingFailures() + " polling), the first: " + result.firstFailure());
				}
				record(STORM, target, "WS handshake p50 ms", result.webSocketP50Millis());
				record(STORM, target, "WS handshake p99 ms", result.webSocketP99Millis());
				record(STORM, target, "polling handshake p50 ms", result.pollingP50Millis());
				record(STORM, target, "polling handshake p99 ms", result.pollingP99Millis());
				record(STORM, target, "all handshakes p99 ms", result.allP99Millis());
			}
			finally {
				// let the closed sessions' timers and sockets settle before the next target
				sleep(2000);
			}
		});
	}

	private void memory(EngineIoClient client, List<Target> targets) {
		IdleMemory memory = new IdleMemory(client);
		for (Target target : targets) {
			attempt(MEMORY, target, (measured) -> {
				IdleMemory.Result result = memory.run(measured, 2000, 5000, !measured.name().equals("node"));
				progress(measured.name() + " " + result);
				record(MEMORY, measured, "worker heap B / idle connection (2000)", result.heapBytesPerConnection());
				record(MEMORY, measured, "primary heap growth B / connection (5000)", result.primaryHeapBytesPerConnection());
				record(MEMORY, measured, "primary RSS MB, no client", result.primaryRssIdle() / 1048576.0);
				record(MEMORY, measured, "primary RSS MB, 5000 clients", result.primaryRssConnected() / 1048576.0);
				record(MEMORY, measured, "primary RSS growth B / connection", result.primaryRssPerConnection());
			});
		}
	}

	private void requests(EngineIoClient client, List<Target> targets) {
		ClusterRequests requests = new ClusterRequests(client);
		inRounds(FETCH, targets, (target) -> {
			ClusterRequests.Result result = requests.run(target, 1000, this.settings.requests());
			progress(target.name() + " " + result);
			if (!result.complete()) {
				this.runner.note("- " + target.name() + ": " + result.shortFetches() + " fetchSockets replies did not list"
						+ " every socket, " + result.shortEmits() + " server-side emits did not hear every worker; the last: "
						+ result.lastShort());
			}
			record(FETCH, target, "round trip p50 ms", result.fetchP50Millis());
			record(FETCH, target, "round trip p99 ms", result.fetchP99Millis());
			record(SERVER_SIDE_EMIT, target, "round trip p50 ms", result.emitP50Millis());
			record(SERVER_SIDE_EMIT, target, "round trip p99 ms", result.emitP99Millis());
		});
	}

	private ResultTable table() {
		return new ResultTable()
			.row(FAN_OUT, "server CPU µs / delivery", "≤ 0.5× node",
					(cells) -> cells.require("server CPU µs / delivery", "ours") <= 0.5
							* cells.requirePositive("server CPU µs / delivery", "node"))
			.row(FAN_OUT, "of which system µs / delivery")
			.row(FAN_OUT, "of which JIT compiler threads µs / delivery")
			.row(FAN_OUT, "of which primary µs / delivery")
			.row(FAN_OUT, "latency p50 ms")
			.row(FAN_OUT, "latency p99 ms", "≤ 20 ms", (cells) -> cells.require("latency p99 ms", "ours") <= 20)
			.countRow(FAN_OUT, "lost deliveries", "0", (cells) -> cells.require("lost deliveries", "ours") == 0)
			.row(FAN_OUT, "deliveries / s")
			.row(FAN_OUT, "load client CPU µs / delivery")
			.row(SATURATION, "max broadcasts / s with p99 ≤ 1 s", "≥ 1.5× node",
					(cells) -> cells.require("max broadcasts / s with p99 ≤ 1 s", "ours") >= 1.5
							* cells.requirePositive("max broadcasts / s with p99 ≤ 1 s", "node"))
			.row(SATURATION, "deliveries / s at that rate")
			.row(SATURATION, "server CPU µs / delivery at that rate")
			.row(ROOM_EMIT, "same-worker p50 ms")
			.row(ROOM_EMIT, "cross-worker p50 ms", "≤ same-worker p50 + 1 ms",
					(cells) -> cells.require("cross-worker p50 ms", "ours") <= cells.require("same-worker p50 ms", "ours")
							+ 1)
			.row(ROOM_EMIT, "same-worker p99 ms")
			.row(ROOM_EMIT, "cross-worker p99 ms")
			.countRow(ROOM_EMIT, "lost", "", null)
			.row(FETCH, "round trip p50 ms")
			.row(FETCH, "round trip p99 ms", "≤ 5 ms", (cells) -> cells.require("round trip p99 ms", "ours") <= 5)
			.row(SERVER_SIDE_EMIT, "round trip p50 ms")
			.row(SERVER_SIDE_EMIT, "round trip p99 ms", "≤ 5 ms",
					(cells) -> cells.require("round trip p99 ms", "ours") <= 5)
			.countRow(STORM, "failures", "0", (cells) -> cells.require("failures", "ours") == 0)
			.row(STORM, "WS handshake p50 ms")
			.row(STORM, "WS handshake p99 ms")
			.row(STORM, "polling handshake p50 ms")
			.row(STORM, "polling handshake p99 ms")
			.row(STORM, "all handshakes p99 ms", "≤ 200 ms",
					(cells) -> cells.require("all handshakes p99 ms", "ours") <= 200)
			.row(MEMORY, "worker heap B / idle connection (2000)")
			.countRow(MEMORY, "primary heap growth B / connection (5000)", "none per connection (< 1 KB)",
					(cells) -> cells.require("primary heap growth B / connection (5000)", "ours") < 1024)
			.row(MEMORY, "primary RSS MB, no client")
			.row(MEMORY, "primary RSS MB, 5000 clients")
			.countRow(MEMORY, "primary RSS growth B / connection", "", null);
	}

	private void noteConnectFailures(String scenario, Target target, int failures) {
		if (failures > 0) {
			this.runner.note("- " + scenario + " on " + target.name() + ": " + failures
					+ " WebSocket connection(s) failed or hung (no 40{ in 15 s) and were tried again");
		}
	}

	private void record(String scenario, Target target, String metric, double value) {
		this.runner.record(scenario, target, metric, value);
	}

	private void inRounds(String scenario, List<Target> targets, Measurement measurement) {
		this.runner.inRounds(scenario, targets, measurement);
	}

	private void attempt(String scenario, Target target, Measurement measurement) {
		this.runner.attempt(scenario, target, measurement);
	}

	private static void progress(String line) {
		RoundRunner.progress(line);
	}

	private static void sleep(long millis) {
		RoundRunner.sleep(millis);
	}

	@FunctionalInterface
	private interface Phase {

		void run(List<Target> targets);

	}

}

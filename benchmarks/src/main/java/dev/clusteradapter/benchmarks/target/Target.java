package dev.clusteradapter.benchmarks.target;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.client.EngineIoSocket;
import dev.clusteradapter.benchmarks.client.EventListener;

/**
 * One server under test, started as its own process tree on a loopback port: our sample
 * cluster, the Node.js reference cluster, or single-node netty-socketio. Its primary is the
 * process started; its workers are that process's children.
 */
public final class Target {

	private static final Pattern WORKER = Pattern.compile("\"worker\":\"?([^\",}]+)");

	private final String name;

	private final int workers;

	private final ProcessBuilder command;

	private Process process;

	private final URI uri;

	private Target(String name, int workers, int port, ProcessBuilder command) {
		this.name = name;
		this.workers = workers;
		this.uri = URI.create("http://127.0.0.1:" + port);
		this.command = command;
	}

	/**
	 * Our sample cluster: primary plus workers.
	 * @param jar the sample application jar
	 * @param workers worker JVMs
	 * @param port the public port
	 * @param log where the output goes
	 * @return the target, not started
	 */
	public static Target ours(Path jar, int workers, int port, Path log) {
		return ours(jar, workers, port, log, List.of(), List.of());
	}

	/**
	 * Our sample cluster: primary plus workers, with options of its own.
	 * @param jar the sample application jar
	 * @param workers worker JVMs
	 * @param port the public port
	 * @param log where the output goes
	 * @param jvmOptions options of the primary's JVM, which its workers inherit
	 * @param arguments application arguments, such as {@code --socketio.server.…=…}
	 * @return the target, not started
	 */
	public static Target ours(Path jar, int workers, int port, Path log, List<String> jvmOptions,
			List<String> arguments) {
		List<String> command = new ArrayList<>(List.of("java"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=0", "--socketio.cluster.port=" + port,
				"--socketio.cluster.workers=" + workers));
		command.addAll(arguments);
		return new Target("ours", workers, port,
				new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()));
	}

	/**
	 * The Node.js reference cluster ({@code @socket.io/sticky} and {@code @socket.io/cluster-adapter}).
	 * @param startScript its start script
	 * @param workers worker processes
	 * @param port the public port
	 * @param log where the output goes
	 * @return the target, not started
	 */
	public static Target node(Path startScript, int workers, int port, Path log) {
		ProcessBuilder builder = new ProcessBuilder("bash", startScript.toString()).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("PORT", Integer.toString(port));
		builder.environment().put("WORKERS", Integer.toString(workers));
		return new Target("node", workers, port, builder);
	}

	/**
	 * Stock netty-socketio in one JVM (see {@code BaselineServer}).
	 * @param benchmarksJar this module's jar
	 * @param port the port
	 * @param log where the output goes
	 * @return the target, not started
	 */
	public static Target nettySocketIo(Path benchmarksJar, int port, Path log) {
		return new Target("netty-socketio", 1, port,
				new ProcessBuilder("java", "-jar", benchmarksJar.toString(), "baseline", Integer.toString(port))
					.redirectErrorStream(true)
					.redirectOutput(log.toFile()));
	}

	/**
	 * The least a Netty server can do per delivery (see {@code FloorServer}): it serves the
	 * broadcast scenarios only, see {@link #servesProbeContract()}.
	 * @param benchmarksJar this module's jar
	 * @param port the port
	 * @param log where the output goes
	 * @return the target, not started
	 */
	public static Target floor(Path benchmarksJar, int port, Path log) {
		return new Target("floor", 1, port,
				new ProcessBuilder("java", "-jar", benchmarksJar.toString(), "floor", Integer.toString(port))
					.redirectErrorStream(true)
					.redirectOutput(log.toFile()));
	}

	/**
	 * Whether the target serves the whole probe contract, or only what the fan-out needs.
	 * @return {@code false} for the floor
	 */
	public boolean servesProbeContract() {
		return !this.name.equals("floor");
	}

	/**
	 * Short name for the table.
	 * @return ours, node, netty-socketio or floor
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Worker count (1 for a single node).
	 * @return the count
	 */
	public int workers() {
		return this.workers;
	}

	/**
	 * Base URI of the public port.
	 * @return {@code http://127.0.0.1:port}
	 */
	public URI uri() {
		return this.uri;
	}

	/**
	 * Starts the process and waits until every worker serves through the public port.
	 * @param client a client to probe with
	 * @param timeout how long to wait
	 * @throws IOException when it does not become ready
	 */
	public void start(EngineIoClient client, Duration timeout) throws IOException {
		this.process = this.command.start();
		long deadline = System.nanoTime() + timeout.toNanos();
		// sockets stay open and the workers seen add up: a balancer that counts connections
		// (or learns the counts only once per heartbeat) spreads them only as they pile up
		List<EngineIoSocket> probes = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		try {
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					throw new IOException(this.name + " exited with " + this.process.exitValue());
				}
				probe(client, probes, seen);
				if (seen.size() >= this.workers) {
					return;
				}
				if (probes.size() > 200) {
					probes.forEach(EngineIoSocket::close);
					probes.clear();
				}
				sleep(500);
			}
		}
		finally {
			probes.forEach(EngineIoSocket::close);
		}
		throw new IOException(this.name + " not ready within " + timeout + ": " + seen.size() + " of " + this.workers
				+ " workers answered");
	}

	/** A few more sockets, each asked {@code whoami}, until one fails (not listening yet). */
	private void probe(EngineIoClient client, List<EngineIoSocket> probes, Set<String> seen) {
		try {
			for (int i = 0; i < this.workers * 2; i++) {
				EngineIoSocket socket = client.connect(this.uri, EventListener.NONE).get(5, TimeUnit.SECONDS);
				probes.add(socket);
				Matcher worker = WORKER.matcher(socket.emitWithAck("whoami", "").get(5, TimeUnit.SECONDS));
				if (worker.find()) {
					seen.add(worker.group(1));
				}
			}
		}
		catch (Exception ex) {
			// not listening yet, or a worker still starting
		}
	}

	/**
	 * The process started.
	 * @return its pid
	 */
	public long primaryPid() {
		return this.process.pid();
	}

	/**
	 * The primary's child processes (none for a single node).
	 * @return their pids
	 */
	public List<Long> workerPids() {
		return this.process.toHandle().children().map(ProcessHandle::pid).toList();
	}

	/**
	 * Every server process: the primary and its workers.
	 * @return their pids
	 */
	public List<Long> serverPids() {
		List<Long> pids = new ArrayList<>(workerPids());
		pids.add(0, primaryPid());
		return pids;
	}

	/**
	 * The JVMs holding the connections: the workers, or the process itself for a single node.
	 * @return their pids
	 */
	public List<Long> connectionHolderPids() {
		List<Long> children = workerPids();
		return children.isEmpty() ? List.of(primaryPid()) : children;
	}

	/**
	 * Stops the primary, letting it stop its workers, then whatever it started that is still
	 * alive, by pid. The primary's descendants are gathered while it shuts down: once it has
	 * exited they are no longer its children, and a supervisor may start one at the last moment.
	 */
	public void stop() {
		if (this.process == null) {
			return;
		}
		ProcessHandle primary = this.process.toHandle();
		Set<ProcessHandle> started = new LinkedHashSet<>(primary.descendants().toList());
		primary.destroy();
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (primary.isAlive() && System.nanoTime() < deadline) {
			started.addAll(primary.descendants().toList());
			sleep(100);
		}
		if (primary.isAlive()) {
			started.addAll(primary.descendants().toList());
			primary.destroyForcibly();
		}
		for (ProcessHandle handle : started) {
			handle.destroy();
		}
		for (ProcessHandle handle : started) {
			try {
				handle.onExit().get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				handle.destroyForcibly();
			}
		}
		this.process = null;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

package dev.clusteradapter.benchmarks.target;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.client.EngineIoSocket;
import dev.clusteradapter.benchmarks.client.EventListener;

/**
 * One server under test, on loopback ports: our sample cluster, the Node.js reference
 * cluster or single-node netty-socketio (one process started, its workers that process's
 * children, one public port), or a fleet of peers on one Redis (several processes started
 * side by side, each on its own port, no primary).
 */
public final class Target {

	private static final Pattern WORKER = Pattern.compile("\"worker\":\"?([^\",}]+)");

	private final String name;

	private final int workers;

	private final List<Member> members;

	private final List<Long> brokerPids;

	private Target(String name, int workers, List<Member> members, List<Long> brokerPids) {
		this.name = name;
		this.workers = workers;
		this.members = members;
		this.brokerPids = brokerPids;
	}

	private Target(String name, int workers, int port, ProcessBuilder command) {
		this(name, workers, List.of(new Member(port, command)), List.of());
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
	 * Our sample application as standalone peers on one Redis (the Kubernetes shape: each
	 * process serves its own port, the adapter's messages go over Redis). Each runs as many
	 * event loops as a worker the primary launches on this machine would (the processors
	 * divided by the peers), so that the peers share the cores as the IPC workers do.
	 * @param name the column name
	 * @param jar the sample application jar
	 * @param mode {@code classic} or {@code sharded}
	 * @param redis the broker
	 * @param prefix the channel prefix (fleets on one Redis must not hear each other)
	 * @param ports one port per peer
	 * @param logs where the peers' output goes: this path with {@code -<index>.log} appended
	 * @return the target, not started
	 */
	public static Target oursOverRedis(String name, Path jar, String mode, RedisBroker redis, String prefix,
			List<Integer> ports, Path logs) {
		int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors() / ports.size());
		List<Member> members = new ArrayList<>();
		for (int i = 0; i < ports.size(); i++) {
			members.add(new Member(ports.get(i),
					new ProcessBuilder("java", "-jar", jar.toString(), "--server.port=0", "--socketio.cluster.role=standalone",
							"--socketio.cluster.port=" + ports.get(i), "--socketio.cluster.transport=redis",
							"--socketio.cluster.redis.mode=" + mode, "--socketio.cluster.redis.prefix=" + prefix,
							"--spring.data.redis.url=" + redis.uri(), "--sample.node-name=" + name.replace(' ', '-') + "-" + i,
							"--socketio.server.worker-threads=" + eventLoops)
						.redirectErrorStream(true)
						.redirectOutput(Path.of(logs + "-" + i + ".log").toFile())));
		}
		return new Target(name, ports.size(), members, List.of(redis.pid()));
	}

	/**
	 * Node.js Socket.IO servers with Socket.IO's own {@code @socket.io/redis-adapter} on one
	 * Redis ({@code js-clients/redis-node-server.js}, Node's default channel prefix).
	 * @param name the column name
	 * @param script {@code redis-node-server.js}
	 * @param mode {@code classic} or {@code sharded}
	 * @param redis the broker
	 * @param ports one port per server
	 * @param logs where the servers' output goes: this path with {@code -<index>.log} appended
	 * @return the target, not started
	 */
	public static Target nodeOverRedis(String name, Path script, String mode, RedisBroker redis, List<Integer> ports,
			Path logs) {
		List<Member> members = new ArrayList<>();
		for (int i = 0; i < ports.size(); i++) {
			String worker = name.replace(' ', '-') + "-" + i;
			ProcessBuilder builder = new ProcessBuilder("node", script.getFileName().toString())
				.directory(script.toAbsolutePath().getParent().toFile())
				.redirectErrorStream(true)
				.redirectOutput(Path.of(logs + "-" + i + ".log").toFile());
			builder.environment().put("PORT", Integer.toString(ports.get(i)));
			builder.environment().put("REDIS_URL", redis.uri());
			builder.environment().put("ADAPTER", mode);
			builder.environment().put("WORKER", worker);
			members.add(new Member(ports.get(i), builder));
		}
		return new Target(name, ports.size(), members, List.of(redis.pid()));
	}

	/**
	 * The same target under another column name.
	 * @param name the column name
	 * @return a new target, not started
	 */
	public Target named(String name) {
		List<Member> copies = this.members.stream().map((member) -> new Member(member.port, member.command)).toList();
		return new Target(name, this.workers, copies, this.brokerPids);
	}

	/**
	 * Short name for the table.
	 * @return ours, node, netty-socketio or floor
	}

	/**
	 * @return ours, node, netty-socketio, or the name given
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Serving processes: the workers, or the peers of a fleet (1 for a single node).
	 * @return the count
	 */
	public int workers() {
		return this.workers;
	}

	/**
	 * Base URI of the (first) public port.
	 * @return {@code http://127.0.0.1:port}
	 */
	public URI uri() {
		return this.members.get(0).uri;
	}

	/**
	 * Base URIs of every public port: one, or one per peer of a fleet.
	 * @return {@code http://127.0.0.1:port} each
	 */
	public List<URI> uris() {
		return this.members.stream().map((member) -> member.uri).toList();
	}

	/**
	 * Starts the processes and waits until every worker serves through the public ports and,
	 * for a fleet of peers, until every peer counts all of them (they found each other on
	 * Redis, and no other fleet is heard).
	 * @param client a client to probe with
	 * @param timeout how long to wait
	 * @throws IOException when it does not become ready
	 */
	public void start(EngineIoClient client, Duration timeout) throws IOException {
		for (Member member : this.members) {
			member.process = member.command.start();
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		// sockets stay open and the workers seen add up: a balancer that counts connections
		// (or learns the counts only once per heartbeat) spreads them only as they pile up
		List<EngineIoSocket> probes = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		try {
			while (System.nanoTime() < deadline) {
				for (Member member : this.members) {
					if (!member.process.isAlive()) {
						throw new IOException(this.name + " exited with " + member.process.exitValue());
					}
				}
				for (Member member : this.members) {
					probe(client, member.uri, probes, seen);
				}
				if (seen.size() >= this.workers && (this.members.size() == 1 || everyPeerCountsAll(client))) {
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
	private void probe(EngineIoClient client, URI uri, List<EngineIoSocket> probes, Set<String> seen) {
		try {
			int sockets = (this.members.size() == 1) ? this.workers * 2 : 1;
			for (int i = 0; i < sockets; i++) {
				EngineIoSocket socket = client.connect(uri, EventListener.NONE).get(5, TimeUnit.SECONDS);
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
	 * Whether a server-side emit with acks from each peer hears every other one.
	 * @param client a client to ask with
	 * @return whether all of them did
	 */
	public boolean everyPeerCountsAll(EngineIoClient client) {
		for (Member member : this.members) {
			EngineIoSocket socket = null;
			try {
				socket = client.connect(member.uri, EventListener.NONE).get(5, TimeUnit.SECONDS);
				if (!socket.emitWithAck("cluster", "").get(10, TimeUnit.SECONDS).contains("\"servers\":" + this.workers)) {
					return false;
				}
			}
			catch (Exception ex) {
				return false;
			}
			finally {
				if (socket != null) {
					socket.close();
				}
			}
		}
		return true;
	}

	/**
	 * The primary: the one process started, whose children are the workers; none for a
	 * fleet of peers started side by side.
	 * @return its pid, empty for a fleet
	 */
	public Optional<Long> primaryPid() {
		return (this.members.size() == 1) ? Optional.of(this.members.get(0).process.pid()) : Optional.empty();
	}

	/**
	 * The primary's child processes (none for a single node), or the peers of a fleet.
	 * @return their pids
	 */
	public List<Long> workerPids() {
		if (this.members.size() > 1) {
			return this.members.stream().map((member) -> member.process.pid()).toList();
		}
		return this.members.get(0).process.toHandle().children().map(ProcessHandle::pid).toList();
	}

	/**
	 * Every server process: the primary and its workers, or the peers of a fleet, and the
	 * Redis server a fleet talks through (its work is part of every delivery).
	 * @return their pids
	 */
	public List<Long> serverPids() {
		List<Long> pids = new ArrayList<>(workerPids());
		primaryPid().ifPresent((primary) -> pids.add(0, primary));
		pids.addAll(this.brokerPids);
		return pids;
	}

	/**
	 * The message broker a fleet of peers talks through.
	 * @return the Redis server's pid, none for a cluster on one host
	 */
	public List<Long> brokerPids() {
		return this.brokerPids;
	}

	/**
	 * The processes holding the connections: the workers, or the process itself for a single
	 * node, or the peers of a fleet.
	 * @return their pids
	 */
	public List<Long> connectionHolderPids() {
		List<Long> workers = workerPids();
		return workers.isEmpty() ? List.of(this.members.get(0).process.pid()) : workers;
	}

	/**
	 * Whether every process started is still running.
	 * @return whether none has exited
	 */
	public boolean alive() {
		return this.members.stream().allMatch((member) -> member.process != null && member.process.isAlive());
	}

	/**
	 * Stops each process started, letting a primary stop its workers, then whatever it started
	 * that is still alive, by pid. A primary's descendants are gathered while it shuts down:
	 * once it has exited they are no longer its children, and a supervisor may start one at
	 * the last moment. The processes of a fleet are asked to stop together, so that their
	 * grace periods overlap.
	 */
	public void stop() {
		List<Set<ProcessHandle>> started = new ArrayList<>();
		for (Member member : this.members) {
			started.add(member.askToStop());
		}
		for (int i = 0; i < this.members.size(); i++) {
			this.members.get(i).awaitStop(started.get(i));
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One process started, serving one public port. */
	private static final class Member {

		private final URI uri;

		private final int port;

		private final ProcessBuilder command;

		private Process process;

		private Member(int port, ProcessBuilder command) {
			this.port = port;
			this.uri = URI.create("http://127.0.0.1:" + port);
			this.command = command;
		}

		/** Asks the process to stop; returns its descendants so far. */
		private Set<ProcessHandle> askToStop() {
			Set<ProcessHandle> started = new LinkedHashSet<>();
			if (this.process != null) {
				started.addAll(this.process.toHandle().descendants().toList());
				this.process.toHandle().destroy();
			}
			return started;
		}

		private void awaitStop(Set<ProcessHandle> started) {
			if (this.process == null) {
				return;
			}
			ProcessHandle primary = this.process.toHandle();
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

	}

}

package dev.clusteradapter.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.clusteradapter.cluster.sticky.SessionIdCodec;

import static org.awaitility.Awaitility.await;

/**
 * The sample application's executable jar running as a real primary JVM, with the worker
 * JVMs it starts. Its output is kept for assertions and copied to {@code target/} for
 * post-mortems.
 */
final class SampleCluster implements AutoCloseable {

	private static final Pattern WEB_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Pattern SID = Pattern.compile("\"sid\":\"([0-9a-f-]{36})\"");

	private static final Pattern LAUNCHED_WORKER = Pattern.compile("Launched worker-(\\d+) \\(pid (\\d+)\\)");

	private static final Pattern LAUNCHED_STANDBY = Pattern.compile("Launched standby \\(pid (\\d+)\\)");

	private static final Pattern ADOPTED_STANDBY = Pattern.compile("Adopted the standby JVM \\(pid (\\d+)\\) as worker-(\\d+)");

	private static final Pattern CLUSTER_PORT = Pattern.compile("Socket\\.IO cluster listening on [^:]+:(\\d+)");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Process process;

	private final List<String> output = new CopyOnWriteArrayList<>();

	private SampleCluster(Process process, Path log) {
		this.process = process;
		Thread pump = new Thread(() -> pump(log), "sample-cluster-output");
		pump.setDaemon(true);
		pump.start();
	}

	static SampleCluster start(String name, String... args) throws IOException {
		Path jar = Path.of("target", "sample-app.jar").toAbsolutePath();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: run the tests with 'verify' (they need the packaged jar)");
		}
		List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-jar", jar.toString(),
				"--server.port=0", "--socketio.cluster.port=0", "--socketio.cluster.workers=2",
				"--socketio.cluster.worker.jvm-options=-Xmx256m"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		SampleCluster cluster = new SampleCluster(process, Path.of("target", "cluster-" + name + ".log"));
		return cluster;
	}

	private static String javaBinary() {
		return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	private void pump(Path log) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			Files.createDirectories(log.getParent());
			try (var writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
				String line;
				while ((line = reader.readLine()) != null) {
					this.output.add(line);
					writer.write(line);
					writer.newLine();
					writer.flush();
				}
			}
		}
		catch (IOException ex) {
			// the process is gone: what was read stays in output
		}
	}

	/** Waits until the primary's web server and the given number of worker JVMs are up. */
	SampleCluster awaitWorkers(int workers) {
		await().atMost(Duration.ofSeconds(120)).until(() -> webPort().isPresent() && workerPids().size() == workers);
		return this;
	}

	/**
	 * Waits until the public port routes new sessions to the given number of distinct
	 * workers, telling them apart by the worker id their session ids carry.
	 */
	SampleCluster awaitServing(int workers) {
		awaitWorkers(workers);
		Set<Integer> seen = new HashSet<>();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
			handshakeWorker().ifPresent(seen::add);
			return seen.size() >= workers;
		});
		return this;
	}

	/**
	 * Closes a probing session with an Engine.IO close packet: left open, it would count
	 * against its worker for the least-connection balancing until its ping timeout, and
	 * steer the test's own clients to the other worker.
	 */
	private void close(String sessionId) throws IOException, InterruptedException {
		HTTP.send(HttpRequest.newBuilder(URI.create(socketUrl() + "/socket.io/?EIO=4&transport=polling&sid=" + sessionId))
			.timeout(Duration.ofSeconds(5))
			.POST(HttpRequest.BodyPublishers.ofString("1"))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

	private Optional<Integer> handshakeWorker() {
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest
				.newBuilder(URI.create(socketUrl() + "/socket.io/?EIO=4&transport=polling"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
			Matcher sid = SID.matcher(response.body());
			if (response.statusCode() != 200 || !sid.find()) {
				return Optional.empty();
			}
			OptionalInt worker = SessionIdCodec.workerOf(sid.group(1));
			close(sid.group(1));
			return worker.isPresent() ? Optional.of(worker.getAsInt()) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/** URL of the public Socket.IO port. */
	String socketUrl() {
		return "http://127.0.0.1:" + clusterPort().orElseThrow();
	}

	Optional<Integer> webPort() {
		return firstMatch(WEB_PORT, false);
	}

	Optional<Integer> clusterPort() {
		return firstMatch(CLUSTER_PORT, false);
	}

	private Optional<Integer> firstMatch(Pattern pattern, boolean fromWorkers) {
		for (String line : this.output) {
			if (line.startsWith("[worker-") != fromWorkers) {
				continue;
			}
			Matcher matcher = pattern.matcher(line);
			if (matcher.find()) {
				return Optional.of(Integer.parseInt(matcher.group(1)));
			}
		}
		return Optional.empty();
	}

	/** Web ports of the workers started with {@code socketio.cluster.worker.web=true}, as logged so far. */
	List<Integer> workerWebPorts() {
		List<Integer> ports = new ArrayList<>();
		for (String line : this.output) {
			Matcher matcher = WEB_PORT.matcher(line);
			if (line.startsWith("[worker-") && matcher.find()) {
				ports.add(Integer.parseInt(matcher.group(1)));
			}
		}
		return ports;
	}

	/** GETs a path of the web server on the given loopback port. */
	static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	String baseUrl() {
		return "http://127.0.0.1:" + webPort().orElseThrow();
	}

	long pid() {
		return this.process.pid();
	}

	ProcessHandle handle() {
		return this.process.toHandle();
	}

	/**
	 * Pids of the live worker JVMs, as the primary's log names them: the last one launched
	 * or adopted (a standby) for each worker id. Not the standby's.
	 */
	List<Long> workerPids() {
		Map<Integer, Long> byWorker = new TreeMap<>();
		for (String line : this.output) {
			Matcher launched = LAUNCHED_WORKER.matcher(line);
			Matcher adopted = ADOPTED_STANDBY.matcher(line);
			if (!line.startsWith("[worker-") && launched.find()) {
				byWorker.put(Integer.parseInt(launched.group(1)), Long.parseLong(launched.group(2)));
			}
			else if (!line.startsWith("[worker-") && adopted.find()) {
				byWorker.put(Integer.parseInt(adopted.group(2)), Long.parseLong(adopted.group(1)));
			}
		}
		return byWorker.values().stream().filter(SampleCluster::isAlive).toList();
	}

	/** Pid of the live standby JVM not adopted yet, as the primary's log names it. */
	Optional<Long> standbyPid() {
		Long standby = null;
		for (String line : this.output) {
			Matcher launched = LAUNCHED_STANDBY.matcher(line);
			Matcher adopted = ADOPTED_STANDBY.matcher(line);
			if (!line.startsWith("[") && launched.find()) {
				standby = Long.parseLong(launched.group(1));
			}
			else if (!line.startsWith("[") && adopted.find() && Long.valueOf(adopted.group(1)).equals(standby)) {
				standby = null;
			}
		}
		return Optional.ofNullable(standby).filter(SampleCluster::isAlive);
	}

	private static boolean isAlive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/**
	 * Waits until a new session lands on the given worker, telling workers apart by the id
	 * their session ids carry.
	 */
	void awaitServingWorker(int workerId, Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> handshakeWorker().filter((worker) -> worker == workerId).isPresent());
	}

	List<String> output() {
		return this.output;
	}

	/**
	 * SIGTERM to the primary, as a service manager stops it. Through its handle: Process's
	 * own destroy also closes its output, whose last lines would be lost.
	 */
	void terminate() {
		this.process.toHandle().destroy();
	}

	/** SIGKILL to the primary: nothing of it runs any more. */
	void kill() {
		this.process.destroyForcibly();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		List<ProcessHandle> all = new ArrayList<>(this.process.toHandle().descendants().toList());
		this.process.destroy();
		try {
			this.process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		all.addAll(this.process.toHandle().descendants().toList());
		this.process.destroyForcibly();
		all.forEach(ProcessHandle::destroyForcibly);
	}

}

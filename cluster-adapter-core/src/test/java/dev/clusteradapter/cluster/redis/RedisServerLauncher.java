package dev.clusteradapter.cluster.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Debian's {@code redis-server} as a child process: on a free 127.0.0.1 port, without
 * persistence ({@code --save '' --appendonly no}), answering commands once {@link #start()}
 * returns; {@link #stop()} or {@link #kill()} it and {@link #start()} it again on the same
 * port. Free of JUnit, so that the benchmarks start their Redis with it too; tests use the
 * {@link RedisServerProcess} extension that wraps it.
 * <p>
 * Without {@code redis-server} installed, {@link #start()} fails and says what to install.
 */
public final class RedisServerLauncher implements AutoCloseable {

	private static final Path EXECUTABLE = Path.of("/usr/bin/redis-server");

	private static final Duration STARTUP = Duration.ofSeconds(20);

	private static final Set<RedisServerLauncher> RUNNING = ConcurrentHashMap.newKeySet();

	static {
		// a JVM that exits without closing its servers (a crash, a surefire timeout, a
		// benchmark interrupted) must not leave them behind
		Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RedisServerLauncher::kill)));
	}

	private final StringBuffer output = new StringBuffer();

	private volatile Process process;

	private volatile int port;

	private Path directory;

	/**
	 * Starts a server on a free port.
	 * @return the running server
	 */
	public static RedisServerLauncher started() {
		RedisServerLauncher server = new RedisServerLauncher();
		server.start();
		return server;
	}

	/**
	 * Starts the server: on a free port the first time, on the same port after a stop.
	 */
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		if (!Files.isExecutable(EXECUTABLE)) {
			throw new IllegalStateException(EXECUTABLE + " is missing: install Debian's Redis with"
					+ " 'apt-get install redis-server' (.ci/run does on CI)");
		}
		boolean samePort = this.port != 0;
		// a free port can be taken by another process before redis-server binds it: retry
		for (int attempt = 1;; attempt++) {
			if (!samePort) {
				this.port = freePort();
			}
			if (launch()) {
				return;
			}
			if (attempt == 5) {
				throw new IllegalStateException("redis-server did not start on 127.0.0.1:" + this.port + ":\n" + this.output);
			}
		}
	}

	/** Stops the server as an operator would (SIGTERM), and waits until it is gone. */
	public synchronized void stop() {
		Process running = this.process;
		if (running != null) {
			running.destroy();
			awaitExit(running);
		}
	}

	/** Kills the server (SIGKILL), as a crash would, and waits until it is gone. */
	public synchronized void kill() {
		Process running = this.process;
		if (running != null) {
			running.destroyForcibly();
			awaitExit(running);
		}
	}

	/**
	 * Whether the server process is alive.
	 * @return {@code true} between a start and a stop
	 */
	public boolean isRunning() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	/**
	 * The process running now (a restart starts another).
	 * @return its pid
	 * @throws IllegalStateException when none runs
	 */
	public long pid() {
		Process running = this.process;
		if (running == null || !running.isAlive()) {
			throw new IllegalStateException("no redis-server runs on 127.0.0.1:" + this.port);
		}
		return running.pid();
	}

	/**
	 * The port, kept across restarts.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The address in Redis URL form.
	 * @return e.g. {@code redis://127.0.0.1:41234}
	 */
	public String uri() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * What the server printed so far, for failure messages.
	 * @return its log
	 */
	public String output() {
		return this.output.toString();
	}

	@Override
	public synchronized void close() {
		kill();
		RUNNING.remove(this);
		if (this.directory != null) {
			try {
				Files.deleteIfExists(this.directory);
			}
			catch (IOException ex) {
				// a temporary directory left behind is harmless
			}
		}
	}

	/**
	 * Reads one RESP line, without its CRLF.
	 * @param in the connection's input
	 * @return the line
	 * @throws IOException when the connection closes first
	 */
	static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b; (b = in.read()) != '\n';) {
			if (b == -1) {
				throw new IOException("Connection closed after " + line);
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	private boolean launch() {
		try {
			if (this.directory == null) {
				this.directory = Files.createTempDirectory("redis-server");
			}
			this.output.setLength(0);
			Process started = new ProcessBuilder(EXECUTABLE.toString(), "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString(), "--logfile", "")
				.redirectErrorStream(true)
				.start();
			this.process = started;
			RUNNING.add(this);
			collectOutput(started.getInputStream());
			await().atMost(STARTUP)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> !started.isAlive() || answersAsProcess(started.pid()));
			return started.isAlive();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether this port answers, and the answer comes from this process: another Redis
	 * could hold the port we were given, until ours fails to bind it.
	 */
	private boolean answersAsProcess(long pid) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String header = readLine(in);
			if (!header.startsWith("$")) {
				return false;
			}
			int length = Integer.parseInt(header.substring(1));
			String info = new String(in.readNBytes(length), StandardCharsets.UTF_8);
			return info.contains("process_id:" + pid + "\r\n");
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private void collectOutput(InputStream in) {
		Thread thread = new Thread(() -> {
			try (in) {
				byte[] buffer = new byte[4096];
				for (int read; (read = in.read(buffer)) != -1;) {
					this.output.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				// the server went away
			}
		}, "redis-server-output");
		thread.setDaemon(true);
		thread.start();
	}

	private static void awaitExit(Process process) {
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

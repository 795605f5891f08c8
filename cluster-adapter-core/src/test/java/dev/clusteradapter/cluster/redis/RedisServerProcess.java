package dev.clusteradapter.cluster.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Debian's {@code redis-server} on a free loopback port, for one test class: no persistence,
 * stopped (and restartable on the same port, for outages) by the test.
 */
public final class RedisServerProcess implements AutoCloseable {

	private static final String BINARY = "/usr/bin/redis-server";

	private final int port;

	private final Path log;

	private Process process;

	private RedisServerProcess(int port) {
		this.port = port;
		try {
			this.log = Files.createTempFile("redis-test-", ".log");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts a server on a free port.
	 * @return the running server
	 */
	public static RedisServerProcess start() {
		if (!new File(BINARY).canExecute()) {
			throw new IllegalStateException("Tests of the Redis transport need Debian's redis-server: "
					+ "apt-get install redis-server (.ci/run installs it)");
		}
		RedisServerProcess server = new RedisServerProcess(freePort());
		server.startProcess();
		return server;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void startProcess() {
		try {
			this.process = new ProcessBuilder(List.of(BINARY, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no", "--protected-mode", "yes", "--loglevel", "warning"))
				.redirectErrorStream(true)
				.redirectOutput(this.log.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(this::answersPing);
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			socket.setSoTimeout(500);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			byte[] answer = new byte[7];
			int read = socket.getInputStream().read(answer);
			return read > 0 && new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * URI of the server, as Lettuce and node-redis take it.
	 * @return the URI
	 */
	public String uri() {
		return "redis://127.0.0.1:" + this.port;
	}

	/** Kills the server (SIGKILL), as a crash or a network cut does. */
	public void kill() {
		Process current = this.process;
		if (current != null && current.isAlive()) {
			current.destroyForcibly();
			try {
				current.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Starts the server again on the same port, empty. */
	public void restart() {
		kill();
		startProcess();
	}

	@Override
	public void close() {
		kill();
		try {
			Files.deleteIfExists(this.log);
		}
		catch (IOException ex) {
			// a temporary file
		}
	}

}

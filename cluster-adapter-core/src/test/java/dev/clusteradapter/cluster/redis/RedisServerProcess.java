package dev.clusteradapter.cluster.redis;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis for a test: a {@link RedisServerLauncher} (Debian's {@code redis-server} on a
 * free 127.0.0.1 port, without persistence) answering commands before the test runs,
 * stopped after it whatever happens. Register it with {@code @RegisterExtension}: on a
 * static field one server serves the whole class, on an instance field each test gets its
 * own. Outage tests {@link #stop()} or {@link #kill()} it and {@link #start()} it again on the
 * same port. Also usable on its own ({@link #started()}, then {@link #close()}).
 * <p>
 * Without {@code redis-server} installed, the test fails and says what to install.
 */
public final class RedisServerProcess
		implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final RedisServerLauncher server = new RedisServerLauncher();

	private boolean perClass;

	/**
	 * Starts a server on a free port.
	 * @return the running server
	 */
	public static RedisServerProcess started() {
		RedisServerProcess server = new RedisServerProcess();
		server.start();
		return server;
	}

	/**
	 * Starts the server: on a free port the first time, on the same port after a stop.
	 */
	public void start() {
		this.server.start();
	}

	/** Stops the server as an operator would (SIGTERM), and waits until it is gone. */
	public void stop() {
		this.server.stop();
	}

	/** Kills the server (SIGKILL), as a crash would, and waits until it is gone. */
	public void kill() {
		this.server.kill();
	}

	/**
	 * Whether the server process is alive.
	 * @return {@code true} between a start and a stop
	 */
	public boolean isRunning() {
		return this.server.isRunning();
	}

	/**
	 * The port, kept across restarts.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * The address in Redis URL form.
	 * @return e.g. {@code redis://127.0.0.1:41234}
	 */
	public String uri() {
		return this.server.uri();
	}

	/**
	 * What the server printed so far, for failure messages.
	 * @return its log
	 */
	public String output() {
		return this.server.output();
	}

	/**
	 * Runs one command with {@code redis-cli} against this server.
	 * @param arguments the command and its arguments, e.g. {@code PUBSUB NUMSUB ch}
	 * @return what redis-cli printed, without the trailing newline
	 */
	public String cli(String... arguments) {
		List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port())));
		command.addAll(List.of(arguments));
		try {
			Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
			String printed = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!cli.waitFor(10, TimeUnit.SECONDS) || cli.exitValue() != 0) {
				throw new IllegalStateException("redis-cli " + String.join(" ", arguments) + " failed: " + printed);
			}
			return printed.stripTrailing();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Publishes raw bytes, as any client could (PUBLISH).
	 * @param channel the channel
	 * @param payload the message
	 * @return how many subscribers received it
	 */
	public long publish(String channel, byte[] payload) {
		return integerReply("PUBLISH", channel, payload);
	}

	/**
	 * Publishes raw bytes on a shard channel (SPUBLISH).
	 * @param channel the channel
	 * @param payload the message
	 * @return how many subscribers received it
	 */
	public long spublish(String channel, byte[] payload) {
		return integerReply("SPUBLISH", channel, payload);
	}

	private long integerReply(String command, String channel, byte[] payload) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write("*3\r\n".getBytes(StandardCharsets.US_ASCII));
			for (byte[] argument : List.of(command.getBytes(StandardCharsets.US_ASCII),
					channel.getBytes(StandardCharsets.UTF_8), payload)) {
				out.write(("$" + argument.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(argument);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.flush();
			String reply = RedisServerLauncher.readLine(socket.getInputStream());
			if (!reply.startsWith(":")) {
				throw new IllegalStateException(command + " " + channel + " answered " + reply);
			}
			return Long.parseLong(reply.substring(1));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.server.close();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.perClass = true;
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		// per class: a test that stopped the server hands the next one a running server
		start();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (!this.perClass) {
			close();
		}
	}

}

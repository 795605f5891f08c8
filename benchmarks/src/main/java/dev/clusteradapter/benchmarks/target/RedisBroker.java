package dev.clusteradapter.benchmarks.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.clusteradapter.cluster.redis.RedisServerProcess;

/**
 * The Redis server fleets of peers talk through: Debian's {@code redis-server} on a free
 * loopback port, no persistence (the core's test helper {@link RedisServerProcess}), and
 * its pid, so that its CPU counts in every delivery it carries.
 */
public final class RedisBroker implements AutoCloseable {

	private final RedisServerProcess server;

	private RedisBroker(RedisServerProcess server) {
		this.server = server;
	}

	/**
	 * Starts a server on a free loopback port.
	 * @return the running server
	 */
	public static RedisBroker start() {
		return new RedisBroker(RedisServerProcess.start());
	}

	/**
	 * URI of the server, as Spring Boot's {@code spring.data.redis.url} and node-redis take it.
	 * @return {@code redis://127.0.0.1:port}
	 */
	public String uri() {
		return this.server.uri();
	}

	/**
	 * The server process running now (a restart starts another).
	 * @return its pid
	 * @throws IllegalStateException when none runs
	 */
	public long pid() {
		// redis-server names itself "redis-server 127.0.0.1:<port>" in its command line
		String title = "127.0.0.1:" + this.server.port();
		return ProcessHandle.current()
			.children()
			.filter((child) -> commandLine(child.pid()).contains(title))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no redis-server of this run on " + title))
			.pid();
	}

	/** Kills the server (SIGKILL), as a crash does: no goodbye to any client. */
	public void kill() {
		this.server.kill();
	}

	/** Starts the server again on the same port, empty; returns once it answers PING. */
	public void restart() {
		this.server.restart();
	}

	@Override
	public void close() {
		this.server.close();
	}

	private static String commandLine(long pid) {
		try {
			return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

}

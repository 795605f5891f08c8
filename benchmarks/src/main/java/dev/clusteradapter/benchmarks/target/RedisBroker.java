package dev.clusteradapter.benchmarks.target;

import dev.clusteradapter.cluster.redis.RedisServerLauncher;

/**
 * The Redis server fleets of peers talk through: Debian's {@code redis-server} on a free
 * loopback port, no persistence (the core's test launcher {@link RedisServerLauncher}), and
 * its pid, so that its CPU counts in every delivery it carries.
 */
public final class RedisBroker implements AutoCloseable {

	private final RedisServerLauncher server;

	private RedisBroker(RedisServerLauncher server) {
		this.server = server;
	}

	/**
	 * Starts a server on a free loopback port.
	 * @return the running server
	 */
	public static RedisBroker start() {
		return new RedisBroker(RedisServerLauncher.started());
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
		return this.server.pid();
	}

	/** Kills the server (SIGKILL), as a crash does: no goodbye to any client. */
	public void kill() {
		this.server.kill();
	}

	/** Starts the server again on the same port, empty; returns once it answers. */
	public void restart() {
		this.server.start();
	}

	@Override
	public void close() {
		this.server.close();
	}

}

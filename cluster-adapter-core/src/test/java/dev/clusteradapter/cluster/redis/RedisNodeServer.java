package dev.clusteradapter.cluster.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.clusteradapter.cluster.JsClients;

import static org.awaitility.Awaitility.await;

/**
 * A Node.js Socket.IO server with Socket.IO's own {@code @socket.io/redis-adapter}
 * ({@code js-clients/redis-node-server.js}) on a free 127.0.0.1 port: the Node peer of the
 * Redis interop tests. It serves the probe contract on {@code /} (and on the namespaces
 * named in {@code NAMESPACES}).
 */
public final class RedisNodeServer implements AutoCloseable {

	/** The adapter of {@code @socket.io/redis-adapter} the server runs. */
	public enum Adapter {

		/** {@code createAdapter}: PUBLISH / PSUBSCRIBE. */
		CLASSIC,

		/** {@code createShardedAdapter}: SPUBLISH / SSUBSCRIBE (Redis 7). */
		SHARDED

	}

	private static final Duration STARTUP = Duration.ofSeconds(30);

	private final Process process;

	private final StringBuffer stderr = new StringBuffer();

	private volatile int port;

	private final String worker;

	private RedisNodeServer(Process process, String worker) {
		this.process = process;
		this.worker = worker;
	}

	/**
	 * Starts a server and waits until it listens.
	 * @param redisUrl the Redis it links through, e.g. {@link RedisServerProcess#uri()}
	 * @param adapter classic or sharded
	 * @return the listening server
	 */
	public static RedisNodeServer start(String redisUrl, Adapter adapter) {
		return start(redisUrl, adapter, Map.of());
	}

	/**
	 * Starts a server and waits until it listens.
	 * @param redisUrl the Redis it links through
	 * @param adapter classic or sharded
	 * @param environment more of the script's variables ({@code WORKER}, {@code NAMESPACES},
	 * {@code PREFIX}, {@code REQUESTS_TIMEOUT}, {@code SPECIFIC_RESPONSE_CHANNEL},
	 * {@code SUBSCRIPTION_MODE}; see the script)
	 * @return the listening server
	 */
	public static RedisNodeServer start(String redisUrl, Adapter adapter, Map<String, String> environment) {
		ProcessBuilder builder = JsClients.node("redis-node-server.js");
		Map<String, String> env = builder.environment();
		env.put("PORT", "0");
		env.put("REDIS_URL", redisUrl);
		env.put("ADAPTER", adapter.name().toLowerCase());
		env.putAll(environment);
		RedisNodeServer server;
		try {
			server = new RedisNodeServer(builder.start(), environment.get("WORKER"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.follow();
		try {
			await().atMost(STARTUP).pollInterval(Duration.ofMillis(20)).until(() -> {
				if (server.port == 0 && !server.process.isAlive()) {
					throw new IllegalStateException("redis-node-server.js exited: " + server.stderr);
				}
				return server.port != 0;
			});
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	/**
	 * The port it listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Its URL, for clients.
	 * @return e.g. {@code http://127.0.0.1:41234}
	 */
	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * The probe contract's {@code worker} of its sockets.
	 * @return the {@code WORKER} given, or {@code node-<port>}
	 */
	public String worker() {
		return (this.worker != null) ? this.worker : "node-" + this.port;
	}

	/**
	 * What the server wrote to its standard error, for failure messages.
	 * @return its errors
	 */
	public String stderr() {
		return this.stderr.toString();
	}

	/**
	 * Whether the process is alive.
	 * @return {@code true} until stopped or killed
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Kills the process (SIGKILL) mid-whatever, as a crashed host would vanish. */
	public void kill() {
		this.process.destroyForcibly();
		awaitExit();
	}

	/** Stops the process (SIGTERM) and waits until it is gone. */
	@Override
	public void close() {
		this.process.destroy();
		awaitExit();
	}

	private void awaitExit() {
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void follow() {
		daemon(() -> {
			try (BufferedReader reader = this.process.inputReader(StandardCharsets.UTF_8)) {
				for (String line; (line = reader.readLine()) != null;) {
					if (line.startsWith("listening ")) {
						this.port = Integer.parseInt(line.substring("listening ".length()).trim());
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		});
		daemon(() -> {
			try (InputStream in = this.process.getErrorStream();
					BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
				for (String line; (line = reader.readLine()) != null;) {
					this.stderr.append(line).append('\n');
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		});
	}

	private static void daemon(Runnable task) {
		Thread thread = new Thread(task, "redis-node-server-output");
		thread.setDaemon(true);
		thread.start();
	}

}

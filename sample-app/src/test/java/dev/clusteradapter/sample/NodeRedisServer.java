package dev.clusteradapter.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js Socket.IO server with Socket.IO's own Redis adapter ({@code js-clients/redis-node-server.js}),
 * serving the probe contract: the Node half of a mixed fleet.
 */
final class NodeRedisServer implements AutoCloseable {

	private final Process process;

	private final int port;

	private NodeRedisServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static NodeRedisServer start(String redisUri, String mode, String worker) throws Exception {
		Path clients = Path.of("..", "js-clients").toAbsolutePath().normalize();
		ProcessBuilder builder = new ProcessBuilder(List.of("node", clients.resolve("redis-node-server.js").toString()))
			.directory(clients.toFile())
			.redirectErrorStream(true);
		builder.environment().putAll(Map.of("PORT", "0", "REDIS_URL", redisUri, "ADAPTER", mode, "WORKER", worker));
		Process process = builder.start();
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread pump = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith("listening ")) {
						port.complete(Integer.parseInt(line.substring("listening ".length()).trim()));
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
			port.completeExceptionally(new IllegalStateException("redis-node-server.js ended before it listened"));
		}, "node-redis-server-output");
		pump.setDaemon(true);
		pump.start();
		try {
			return new NodeRedisServer(process, port.get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS));
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}

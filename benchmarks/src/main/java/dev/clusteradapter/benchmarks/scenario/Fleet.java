package dev.clusteradapter.benchmarks.scenario;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.client.EngineIoSocket;
import dev.clusteradapter.benchmarks.client.EventListener;

/**
 * Many sockets connected to one server, opened in batches (as a crowd arrives, not a
 * thundering herd: the storm scenario measures that) and closed together.
 */
final class Fleet implements AutoCloseable {

	private static final int BATCH = 50;

	private final List<EngineIoSocket> sockets = new ArrayList<>();

	private final EngineIoClient client;

	private final URI server;

	private final EventListener listener;

	Fleet(EngineIoClient client, URI server, EventListener listener) {
		this.client = client;
		this.server = server;
		this.listener = listener;
	}

	/** Connects more sockets, failing if any does not connect within 20 s. */
	Fleet grow(int count) throws Exception {
		for (int i = 0; i < count; i += BATCH) {
			List<CompletableFuture<EngineIoSocket>> batch = new ArrayList<>();
			for (int j = i; j < Math.min(count, i + BATCH); j++) {
				batch.add(this.client.connect(this.server, this.listener));
			}
			CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
			batch.forEach((socket) -> this.sockets.add(socket.join()));
		}
		return this;
	}

	List<EngineIoSocket> sockets() {
		return this.sockets;
	}

	int size() {
		return this.sockets.size();
	}

	@Override
	public void close() {
		this.sockets.forEach(EngineIoSocket::close);
		try {
			CompletableFuture.allOf(this.sockets.stream().map(EngineIoSocket::closed).toArray(CompletableFuture[]::new))
				.get(20, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			// a straggler closes on its own; the next scenario does not depend on it
		}
		this.sockets.clear();
	}

}

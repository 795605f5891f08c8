package dev.clusteradapter.benchmarks.scenario;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.client.EngineIoSocket;
import dev.clusteradapter.benchmarks.client.EventListener;

/**
 * Many sockets connected to one server, opened in batches (as a crowd arrives, not a
 * thundering herd: the storm scenario measures that) and closed together.
 */
final class Fleet implements AutoCloseable {

	private final List<EngineIoSocket> sockets = new ArrayList<>();

	private final EngineIoClient client;

	private final URI server;

	private final EventListener listener;

	private final int batch;

	private int connectFailures;

	Fleet(EngineIoClient client, URI server, EventListener listener) {
		this(client, server, listener, 50);
	}

	Fleet(EngineIoClient client, URI server, EventListener listener, int batch) {
		this.client = client;
		this.server = server;
		this.listener = listener;
		this.batch = batch;
	}

	/**
	 * Connects more sockets, {@code batch} at a time. A connection that fails or hangs (the
	 * client gives up after 15 s) is counted and tried again, at most twice per socket.
	 */
	Fleet grow(int count) throws IOException {
		int missing = count;
		for (int attempt = 0; attempt < 3 && missing > 0; attempt++) {
			int wanted = missing;
			for (int i = 0; i < wanted; i += this.batch) {
				List<CompletableFuture<EngineIoSocket>> batch = new ArrayList<>();
				for (int j = i; j < Math.min(wanted, i + this.batch); j++) {
					batch.add(this.client.connect(this.server, this.listener));
				}
				for (CompletableFuture<EngineIoSocket> socket : batch) {
					try {
						this.sockets.add(socket.get(30, TimeUnit.SECONDS));
						missing--;
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new IOException(ex);
					}
					catch (ExecutionException | TimeoutException ex) {
						this.connectFailures++;
					}
				}
			}
		}
		if (missing > 0) {
			throw new IOException(missing + " of " + count + " sockets did not connect");
		}
		return this;
	}

	/** Connections that failed or hung and were tried again. */
	int connectFailures() {
		return this.connectFailures;
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

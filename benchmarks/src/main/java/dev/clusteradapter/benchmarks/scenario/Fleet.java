package dev.clusteradapter.benchmarks.scenario;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.client.EngineIoSocket;
import dev.clusteradapter.benchmarks.client.EventListener;

/**
 * Many sockets connected to one server, opened a bounded number at a time (as a crowd
 * arrives, not a thundering herd: the storm scenario measures that) and closed together.
 */
final class Fleet implements AutoCloseable {

	private final List<EngineIoSocket> sockets = new ArrayList<>();

	private final EngineIoClient client;

	private final URI server;

	private final EventListener listener;

	private final int inFlight;

	private int connectFailures;

	Fleet(EngineIoClient client, URI server, EventListener listener) {
		this(client, server, listener, 50);
	}

	Fleet(EngineIoClient client, URI server, EventListener listener, int inFlight) {
		this.client = client;
		this.server = server;
		this.listener = listener;
		this.inFlight = inFlight;
	}

	/**
	 * Connects more sockets, at most {@code inFlight} handshakes at a time. A connection that
	 * fails or hangs (the client gives up after 15 s) is counted and replaced, as long as
	 * failures stay below the number asked for (or 3): a hung handshake holds one slot, not a
	 * batch.
	 */
	Fleet grow(int count) throws IOException {
		Semaphore slots = new Semaphore(this.inFlight);
		List<EngineIoSocket> connected = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger failed = new AtomicInteger();
		int started = 0;
		int budget = Math.max(3, count);
		try {
			while (connected.size() < count && failed.get() < budget) {
				if (started - failed.get() >= count) {
					// enough under way: wait for them to land or fail
					slots.acquire(this.inFlight);
					slots.release(this.inFlight);
					continue;
				}
				slots.acquire();
				started++;
				this.client.connect(this.server, this.listener).whenComplete((socket, failure) -> {
					if (failure == null) {
						connected.add(socket);
					}
					else {
						failed.incrementAndGet();
					}
					slots.release();
				});
			}
			slots.acquire(this.inFlight);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		this.sockets.addAll(connected);
		this.connectFailures += failed.get();
		if (connected.size() < count) {
			throw new IOException((count - connected.size()) + " of " + count + " sockets did not connect");
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

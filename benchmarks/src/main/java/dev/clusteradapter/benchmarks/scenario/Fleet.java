package dev.clusteradapter.benchmarks.scenario;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.client.EngineIoSocket;
import dev.clusteradapter.benchmarks.client.EventListener;

/**
 * Many sockets connected to one server, or spread in turn over the public ports of a fleet,
 * opened a bounded number at a time (as a crowd arrives, not a thundering herd: the storm
 * scenario measures that) and closed together.
 */
final class Fleet implements AutoCloseable {

	private final List<EngineIoSocket> sockets = new ArrayList<>();

	private final EngineIoClient client;

	private final List<URI> servers;

	private final Map<EngineIoSocket, Integer> homes = Collections.synchronizedMap(new IdentityHashMap<>());

	private final EventListener listener;

	private final int inFlight;

	private int connectFailures;

	Fleet(EngineIoClient client, URI server, EventListener listener) {
		this(client, List.of(server), listener, 50);
	}

	Fleet(EngineIoClient client, URI server, EventListener listener, int inFlight) {
		this(client, List.of(server), listener, inFlight);
	}

	/** Sockets go to the servers in turn. */
	Fleet(EngineIoClient client, List<URI> servers, EventListener listener) {
		this(client, servers, listener, 50);
	}

	private Fleet(EngineIoClient client, List<URI> servers, EventListener listener, int inFlight) {
		this.client = client;
		this.servers = List.copyOf(servers);
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
				int home = (this.sockets.size() + started++) % this.servers.size();
				this.client.connect(this.servers.get(home), this.listener).whenComplete((socket, failure) -> {
					if (failure == null) {
						this.homes.put(socket, home);
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

	/** Index of the server the socket is connected to, in the order the fleet was given them. */
	int home(EngineIoSocket socket) {
		return this.homes.getOrDefault(socket, -1);
	}

	/**
	 * Sockets taken from each server in turn (the first of the first server, the first of the
	 * second …), so that work sent from them starts on every server; on one server, the first
	 * sockets connected.
	 */
	List<EngineIoSocket> spread(int count) {
		List<List<EngineIoSocket>> byServer = new ArrayList<>();
		for (int i = 0; i < this.servers.size(); i++) {
			byServer.add(new ArrayList<>());
		}
		for (EngineIoSocket socket : this.sockets) {
			byServer.get(home(socket)).add(socket);
		}
		List<EngineIoSocket> spread = new ArrayList<>(count);
		for (int i = 0; spread.size() < count && spread.size() < this.sockets.size(); i++) {
			List<EngineIoSocket> from = byServer.get(i % this.servers.size());
			int index = i / this.servers.size();
			if (index < from.size()) {
				spread.add(from.get(index));
			}
		}
		return spread;
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
		this.homes.clear();
	}

}

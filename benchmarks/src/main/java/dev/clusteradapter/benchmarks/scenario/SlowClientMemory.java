package dev.clusteradapter.benchmarks.scenario;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.client.EngineIoSocket;
import dev.clusteradapter.benchmarks.client.EventListener;
import dev.clusteradapter.benchmarks.target.ProcessStats;
import dev.clusteradapter.benchmarks.target.Target;

/**
 * Memory a worker holds for clients that stopped reading: a number of WebSocket clients
 * connect and stop reading, one client that reads floods {@code broadcast} with a padded
 * payload at a fixed rate, and the worker's resident set is read before the flood, every
 * quarter second during it, and after it. Then the stalled clients read again: those the
 * server disconnected reach the end of their connection.
 */
public final class SlowClientMemory {

	private final EngineIoClient client;

	/**
	 * Measurements driven by a load client.
	 * @param client the load client
	 */
	public SlowClientMemory(EngineIoClient client) {
		this.client = client;
	}

	/**
	 * Measures one flood.
	 * @param target the server, one worker
	 * @param stalled clients that stop reading
	 * @param rate broadcasts per second
	 * @param payloadBytes padding of each broadcast
	 * @param seconds length of the flood
	 * @return the figures
	 * @throws Exception when clients do not connect
	 */
	public Result run(Target target, int stalled, int rate, int payloadBytes, int seconds) throws Exception {
		long worker = target.workerPids().get(0);
		AtomicLong received = new AtomicLong();
		String pad = "x".repeat(payloadBytes);
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		try (Fleet stalledFleet = new Fleet(this.client, target.uri(), EventListener.NONE);
				Fleet readers = new Fleet(this.client, target.uri(), (socket, packet, at) -> received.incrementAndGet())) {
			stalledFleet.grow(stalled);
			readers.grow(1);
			stalledFleet.sockets().forEach((socket) -> socket.setReading(false));
			Clock.sleep(2000);
			long before = ProcessStats.residentBytes(worker);
			AtomicLong peak = new AtomicLong(before);
			sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(ProcessStats.residentBytes(worker), Math::max), 250,
					250, TimeUnit.MILLISECONDS);
			EngineIoSocket sender = readers.sockets().get(0);
			long total = (long) rate * seconds;
			Clock.pace(total, rate, (i) -> sender.emit("broadcast", "\"" + pad + "\""));
			Clock.sleep(3000);
			sampler.shutdownNow();
			long after = ProcessStats.residentBytes(worker);
			stalledFleet.sockets().forEach((socket) -> socket.setReading(true));
			try {
				CompletableFuture.allOf(stalledFleet.sockets().stream().map(EngineIoSocket::closed)
					.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
			}
			catch (TimeoutException ex) {
				// some the server kept
			}
			int ended = (int) stalledFleet.sockets().stream().filter((socket) -> socket.closed().isDone()).count();
			boolean readerCut = sender.closed().isDone();
			return new Result(before, peak.get(), after, ended, total, received.get(), readerCut);
		}
		finally {
			sampler.shutdownNow();
		}
	}

	/**
	 * Figures of one flood.
	 * @param rssBefore worker's resident set before the flood, bytes
	 * @param rssPeak the most during the flood and the 3 s after it
	 * @param rssAfter 3 s after the flood
	 * @param stalledDisconnected stalled clients whose connection the server had ended
	 * @param sent broadcasts sent
	 * @param received broadcasts the reading client received
	 * @param readerDisconnected whether the server disconnected the reading client too
	 */
	public record Result(long rssBefore, long rssPeak, long rssAfter, int stalledDisconnected, long sent,
			long received, boolean readerDisconnected) {

		/**
		 * Growth of the resident set at its peak.
		 * @return bytes
		 */
		public long peakGrowth() {
			return this.rssPeak - this.rssBefore;
		}

	}

}

package dev.clusteradapter.benchmarks.scenario;

import java.io.IOException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.client.EngineIoSocket;
import dev.clusteradapter.benchmarks.client.Packets;
import dev.clusteradapter.benchmarks.target.RedisBroker;
import dev.clusteradapter.benchmarks.target.Target;

/**
 * Redis killed (SIGKILL) and started again on the same port under a steady broadcast load
 * that crosses the peers of a fleet: one sender on each peer in turn emits
 * {@code broadcast {seq}}, every client of every peer receives each. The log tells which
 * deliveries never came (pub/sub is at most once: cross-host ones sent while the link was
 * down are lost by design), how long the loss lasted, how soon after the restart
 * broadcasts crossed again, and whether any local delivery was lost (none may be), any
 * process died or any client was disconnected.
 */
public final class RedisOutage {

	private static final byte[] BROADCAST = Packets.ascii("42[\"broadcast\"");

	private static final byte[] SEQ = Packets.ascii("\"seq\":");

	private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);

	private final EngineIoClient client;

	/**
	 * Outages observed by a load client.
	 * @param client the load client
	 */
	public RedisOutage(EngineIoClient client) {
		this.client = client;
	}

	/**
	 * One outage: load, kill, a pause, restart, load until broadcasts cross again and a while
	 * after, a drain.
	 * @param target the fleet, every peer on {@code redis}
	 * @param redis the Redis server to kill
	 * @param clients clients, spread over the peers
	 * @param rate broadcasts per second, all senders together
	 * @param before load before the kill
	 * @param down time between the kill and the restart
	 * @param after load after broadcasts cross again
	 * @return the figures
	 * @throws IOException when the clients do not connect or the fleet is not whole before the kill
	 */
	public Result run(Target target, RedisBroker redis, int clients, int rate, Duration before, Duration down,
			Duration after) throws IOException {
		awaitWhole(target);
		Map<EngineIoSocket, Integer> receivers = new IdentityHashMap<>();
		AtomicReference<OutageLog> log = new AtomicReference<>();
		try (Fleet fleet = new Fleet(this.client, target.uris(), (socket, packet, receivedNanos) -> {
			OutageLog current = log.get();
			if (current != null && Packets.startsWith(packet, BROADCAST)) {
				Integer receiver = receivers.get(socket);
				if (receiver != null) {
					current.received(receiver, Packets.longAfter(packet, SEQ), receivedNanos);
				}
			}
		}).grow(clients)) {
			List<EngineIoSocket> sockets = fleet.sockets();
			int[] homes = new int[sockets.size()];
			for (int i = 0; i < sockets.size(); i++) {
				receivers.put(sockets.get(i), i);
				homes[i] = fleet.home(sockets.get(i));
			}
			List<EngineIoSocket> senders = fleet.spread(target.workers());
			int capacity = (int) (rate * (before.plus(down).plus(RECOVERY_LIMIT).plus(after).toSeconds() + 10));
			OutageLog outage = new OutageLog(capacity, homes);
			log.set(outage);
			return measure(target, redis, fleet, outage, senders, rate, before, down, after);
		}
	}

	private Result measure(Target target, RedisBroker redis, Fleet fleet, OutageLog outage, List<EngineIoSocket> senders,
			int rate, Duration before, Duration down, Duration after) {
		AtomicLong sent = new AtomicLong();
		AtomicBoolean stop = new AtomicBoolean();
		Thread load = new Thread(() -> sent.set(Clock.pace(outage.capacity(), rate, (seq) -> {
			EngineIoSocket sender = senders.get((int) (seq % senders.size()));
			outage.sent((int) seq, fleet.home(sender), System.nanoTime());
			sender.emit("broadcast", "{\"seq\":" + seq + "}");
		}, stop::get)), "redis-outage-load");
		load.start();
		Clock.sleep(before.toMillis());
		outage.killed(System.nanoTime());
		redis.kill();
		Clock.sleep(down.toMillis());
		redis.restart();
		outage.restarted(System.nanoTime());
		long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
		while (!outage.crossHostFlowing() && System.nanoTime() < deadline) {
			Clock.sleep(10);
		}
		Clock.sleep(after.toMillis());
		stop.set(true);
		try {
			load.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// the last broadcasts' time to arrive; none may be lost once Redis is back
		Clock.sleep(2000);
		long disconnected = fleet.sockets().stream().filter((socket) -> socket.closed().isDone()).count();
		return new Result(outage.figures((int) sent.get()), target.alive(), disconnected, sent.get(),
				outage.describeLosses((int) sent.get()));
	}

	/** Peers find each other again by their heartbeats after an outage. */
	private void awaitWhole(Target target) throws IOException {
		long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
		while (!target.everyPeerCountsAll(this.client)) {
			if (System.nanoTime() > deadline) {
				throw new IOException("the peers of " + target.name() + " do not all hear each other");
			}
			Clock.sleep(200);
		}
	}

	/**
	 * Figures of one outage.
	 * @param figures the losses and their timing
	 * @param processesAlive whether every peer is still running
	 * @param clientsDisconnected clients whose connection closed
	 * @param broadcasts broadcasts sent
	 * @param losses the missed broadcasts, as runs of numbers with their timing
	 */
	public record Result(OutageLog.Figures figures, boolean processesAlive, long clientsDisconnected, long broadcasts,
			String losses) {
	}

}

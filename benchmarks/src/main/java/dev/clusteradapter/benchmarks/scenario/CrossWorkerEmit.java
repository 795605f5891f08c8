package dev.clusteradapter.benchmarks.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.client.EngineIoSocket;
import dev.clusteradapter.benchmarks.client.LatencyHistogram;
import dev.clusteradapter.benchmarks.client.Packets;
import dev.clusteradapter.benchmarks.target.Target;

/**
 * Room messages between pairs of sockets, the pairs chosen by {@code whoami}: sender and
 * receiver on different workers, or on the same worker. Each receiver joins its own room;
 * the sender emits {@code message {room, text}} with a timestamp in {@code text}; both
 * kinds interleave at the same rate, so noise hits them alike.
 */
public final class CrossWorkerEmit {

	private static final Pattern WORKER = Pattern.compile("\"worker\":\"?([^\",}]+)");

	private static final byte[] MESSAGE = Packets.ascii("42[\"message\"");

	private static final byte[] TEXT = Packets.ascii("\"text\":\"");

	private static final byte[] CROSS = Packets.ascii("\"text\":\"c");

	private static final byte[] SAME = Packets.ascii("\"text\":\"s");

	private static final int PAIRS = 4;

	private static final int SOCKETS = 32;

	private final EngineIoClient client;

	/**
	 * Pairs driven by a load client.
	 * @param client the load client
	 */
	public CrossWorkerEmit(EngineIoClient client) {
		this.client = client;
	}

	/**
	 * Measures both kinds of pair.
	 * @param target the server
	 * @param rate emits per second of each kind
	 * @param seconds how long
	 * @return latencies of both kinds (cross-worker ones NaN on a single node)
	 * @throws Exception when sockets do not connect or join
	 */
	public Result run(Target target, int rate, double seconds) throws Exception {
		LatencyHistogram cross = new LatencyHistogram();
		LatencyHistogram same = new LatencyHistogram();
		LongAdder received = new LongAdder();
		try (Fleet fleet = new Fleet(this.client, target.uri(), (socket, packet, receivedNanos) -> {
			if (Packets.startsWith(packet, MESSAGE)) {
				byte kind = Packets.byteAfter(packet, TEXT);
				long sent = Packets.longAfter(packet, (kind == 'c') ? CROSS : SAME);
				((kind == 'c') ? cross : same).record(Clock.latencyNanos(sent, receivedNanos));
				received.increment();
			}
		}, 1)) {
			// one at a time: a least-connection balancer sees each socket before placing the next
			Map<String, List<EngineIoSocket>> byWorker = new LinkedHashMap<>();
			int unanswered = 0;
			while (unanswered < SOCKETS && needsMore(fleet.size(), byWorker.size(), target.workers())) {
				EngineIoSocket socket = fleet.grow(1).sockets().get(fleet.size() - 1);
				String whoami;
				try {
					whoami = socket.emitWithAck("whoami", "").get(5, TimeUnit.SECONDS);
				}
				catch (TimeoutException ex) {
					// a socket that does not answer cannot be placed; another takes its turn
					unanswered++;
					continue;
				}
				Matcher worker = WORKER.matcher(whoami);
				byWorker.computeIfAbsent(worker.find() ? worker.group(1) : "?", (key) -> new ArrayList<>()).add(socket);
			}
			List<List<EngineIoSocket>> groups = new ArrayList<>(byWorker.values());
			List<Pair> pairs = new ArrayList<>();
			int room = 0;
			for (int i = 0; i < PAIRS; i++) {
				List<EngineIoSocket> home = groups.get(i % groups.size());
				if (home.size() >= 2) {
					pairs.add(join(home.remove(0), home.remove(0), 's', "cw-" + room++));
				}
				if (groups.size() > 1) {
					List<EngineIoSocket> other = groups.get((i + 1) % groups.size());
					home = groups.get(i % groups.size());
					if (!home.isEmpty() && !other.isEmpty()) {
						pairs.add(join(home.remove(0), other.remove(0), 'c', "cw-" + room++));
					}
				}
			}
			long total = Math.round(rate * seconds * 2);
			Clock.pace(total, rate * 2.0, (i) -> {
				Pair pair = pairs.get((int) (i % pairs.size()));
				pair.sender.emit("message",
						"{\"room\":\"" + pair.room + "\",\"text\":\"" + pair.kind + Clock.nowMicros() + "\"}");
			});
			long deadline = System.nanoTime() + 3_000_000_000L;
			while (received.sum() < total && System.nanoTime() < deadline) {
				Clock.sleep(10);
			}
			return new Result(same.percentileMillis(0.5), same.percentileMillis(0.99), cross.percentileMillis(0.5),
					cross.percentileMillis(0.99), total - received.sum());
		}
	}

	/** Enough sockets, and on two workers when there are two (a balancer may lag: up to 4×). */
	private static boolean needsMore(int sockets, int workersSeen, int workers) {
		return sockets < SOCKETS || (workers > 1 && workersSeen < 2 && sockets < 4 * SOCKETS);
	}

	private static Pair join(EngineIoSocket sender, EngineIoSocket receiver, char kind, String room) throws Exception {
		receiver.emitWithAck("join", "\"" + room + "\"").get(5, TimeUnit.SECONDS);
		return new Pair(sender, kind, room);
	}

	private record Pair(EngineIoSocket sender, char kind, String room) {
	}

	/**
	 * Figures of one run.
	 * @param sameP50Millis same-worker latency median
	 * @param sameP99Millis same-worker latency 99th percentile
	 * @param crossP50Millis cross-worker latency median
	 * @param crossP99Millis cross-worker latency 99th percentile
	 * @param lost messages not received 3 s after the last emit
	 */
	public record Result(double sameP50Millis, double sameP99Millis, double crossP50Millis, double crossP99Millis,
			long lost) {
	}

}

package dev.clusteradapter.benchmarks.scenario;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.client.EngineIoSocket;
import dev.clusteradapter.benchmarks.client.LatencyHistogram;
import dev.clusteradapter.benchmarks.client.Packets;
import dev.clusteradapter.benchmarks.target.ProcessStats;
import dev.clusteradapter.benchmarks.target.Target;

/**
 * Broadcast fan-out, as the generator measures it: every client connected (spread
 * over the public ports of a fleet), a few senders (one per port in turn) emit
 * {@code broadcast {seq, t, pad}} at a fixed total rate, the servers send each to every
 * client (senders included). Per window: deliveries, loss, latency from the send timestamp,
 * and server and client CPU per delivered message from {@code /proc}.
 */
public final class BroadcastFanOut implements AutoCloseable {

	private static final byte[] BROADCAST = Packets.ascii("42[\"broadcast\"");

	private static final byte[] SEQ = Packets.ascii("\"seq\":");

	private static final byte[] T = Packets.ascii("\"t\":");

	private final Target target;

	private final Fleet fleet;

	private final String pad;

	private final AtomicLong windowStart = new AtomicLong();

	private final LongAdder delivered = new LongAdder();

	private volatile LatencyHistogram latency = new LatencyHistogram();

	private long nextSeq;

	/**
	 * Connects the clients.
	 * @param client the load client
	 * @param target the server
	 * @param clients how many sockets
	 * @param payloadBytes size of the padding string in each payload
	 * @throws IOException when sockets do not connect, even when tried again
	 */
	public BroadcastFanOut(EngineIoClient client, Target target, int clients, int payloadBytes) throws IOException {
		this.target = target;
		this.pad = "x".repeat(payloadBytes);
		this.fleet = new Fleet(client, target.uris(), (socket, packet, receivedNanos) -> {
			if (Packets.startsWith(packet, BROADCAST) && Packets.longAfter(packet, SEQ) >= this.windowStart.get()) {
				this.delivered.increment();
				this.latency.record(Clock.latencyNanos(Packets.longAfter(packet, T), receivedNanos));
			}
		});
		this.fleet.grow(clients);
		Clock.sleep(500);
	}

	/**
	 * A short window whose figures are dropped: the JIT compilers of the servers and of this
	 * client reach their steady state before anything is measured.
	 * @param senders how many of the clients send
	 */
	public void warmUp(int senders) {
		warmUp(senders, 100);
	}

	/**
	 * A short window whose figures are dropped, at the rate to be measured.
	 * @param senders how many of the clients send
	 * @param rate broadcasts per second, all senders together
	 */
	public void warmUp(int senders, int rate) {
		warmUp(senders, rate, 3);
	}

	/**
	 * A window whose figures are dropped, at the rate to be measured, as long as asked.
	 * @param senders how many of the clients send
	 * @param rate broadcasts per second, all senders together
	 * @param seconds how long to send
	 */
	public void warmUp(int senders, int rate, double seconds) {
		measure(senders, rate, seconds, 3000);
	}

	/**
	 * Server CPU while the clients sit connected and nothing is sent: what the target costs at
	 * rest (heartbeats, timers, a JVM's compiler and collector), which a delivery figure
	 * taken at a modest rate carries too.
	 * @param seconds how long to watch
	 * @return CPU milliseconds per second, all server processes together
	 */
	public double restingServerCpuMillisPerSecond(double seconds) {
		List<Long> pids = this.target.serverPids();
		long cpu0 = ProcessStats.cpuMicros(pids);
		long start = System.nanoTime();
		Clock.sleep((long) (seconds * 1000));
		long cpu = ProcessStats.cpuMicros(pids) - cpu0;
		return cpu / 1000.0 / ((System.nanoTime() - start) / 1e9);
	}

	/**
	 * Connections that failed or hung and were tried again while connecting the clients.
	 * @return the count
	 */
	public int connectFailures() {
		return this.fleet.connectFailures();
	}

	/**
	 * One measured window.
	 * @param senders how many of the clients send
	 * @param rate broadcasts per second, all senders together
	 * @param seconds how long to send
	 * @param drainMillis how long to wait for the last deliveries after sending
	 * @return the window's figures
	 */
	public Window measure(int senders, int rate, double seconds, long drainMillis) {
		List<EngineIoSocket> from = new ArrayList<>(this.fleet.spread(senders));
		long total = Math.round(rate * seconds);
		long first = this.nextSeq;
		this.nextSeq += total;
		this.windowStart.set(first);
		this.delivered.reset();
		this.latency = new LatencyHistogram();
		long expected = total * this.fleet.size();
		List<Long> pids = this.target.serverPids();
		long self = ProcessHandle.current().pid();
		List<Long> primary = this.target.primaryPid().stream().toList();
		List<Long> broker = this.target.brokerPids();
		long server0 = ProcessStats.cpuMicros(pids);
		long system0 = ProcessStats.systemCpuMicros(pids);
		long primary0 = ProcessStats.cpuMicros(primary);
		long broker0 = ProcessStats.cpuMicros(broker);
		long client0 = ProcessStats.cpuMicros(self);
		long compiler0 = ProcessStats.compilerCpuMicros(pids);
		long start = System.nanoTime();
		Clock.pace(total, rate, (i) -> from.get((int) (i % senders))
			.emit("broadcast", "{\"seq\":" + (first + i) + ",\"t\":" + Clock.nowMicros() + ",\"pad\":\"" + this.pad + "\"}"));
		long deadline = System.nanoTime() + drainMillis * 1_000_000;
		while (this.delivered.sum() < expected && System.nanoTime() < deadline) {
			Clock.sleep(10);
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		long got = this.delivered.sum();
		long serverCpu = ProcessStats.cpuMicros(pids) - server0;
		long systemCpu = ProcessStats.systemCpuMicros(pids) - system0;
		long primaryCpu = ProcessStats.cpuMicros(primary) - primary0;
		long brokerCpu = ProcessStats.cpuMicros(broker) - broker0;
		long clientCpu = ProcessStats.cpuMicros(self) - client0;
		long compiler1 = ProcessStats.compilerCpuMicros(pids);
		return new Window(rate, expected, got, got / elapsed, perDelivery(serverCpu, got), perDelivery(systemCpu, got),
				primary.isEmpty() ? Double.NaN : perDelivery(primaryCpu, got),
				broker.isEmpty() ? Double.NaN : perDelivery(brokerCpu, got),
				(compiler0 < 0 || compiler1 < 0) ? Double.NaN : perDelivery(Math.max(0, compiler1 - compiler0), got),
				perDelivery(clientCpu, got),
				this.latency.percentileMillis(0.5), this.latency.percentileMillis(0.99), this.latency.percentileMillis(1.0));
	}

	private static double perDelivery(long cpuMicros, long delivered) {
		return (delivered > 0) ? (double) cpuMicros / delivered : Double.NaN;
	}

	@Override
	public void close() {
		this.fleet.close();
	}

	/**
	 * Figures of one window.
	 * @param rate broadcasts per second sent
	 * @param expected deliveries expected (broadcasts × clients)
	 * @param delivered deliveries counted before the drain deadline
	 * @param deliveredPerSecond deliveries per second over the window
	 * @param serverCpuMicrosPerDelivered server CPU (primary and workers, or the peers of a
	 * fleet and their Redis server) per delivery
	 * @param serverSystemMicrosPerDelivered the system (kernel) part of it
	 * @param primaryCpuMicrosPerDelivered the primary's part of it (NaN for a fleet of peers)
	 * @param brokerCpuMicrosPerDelivered the Redis server's part of it (NaN without one)
	 * @param compilerCpuMicrosPerDelivered the JIT compiler threads' part of it (NaN for servers
	 * that are not JVMs)
	 * @param clientCpuMicrosPerDelivered this load client's CPU per delivery
	 * @param p50Millis latency median
	 * @param p99Millis latency 99th percentile
	 * @param maxMillis latency maximum
	 */
	public record Window(int rate, long expected, long delivered, double deliveredPerSecond,
			double serverCpuMicrosPerDelivered, double serverSystemMicrosPerDelivered, double primaryCpuMicrosPerDelivered,
			double brokerCpuMicrosPerDelivered, double compilerCpuMicrosPerDelivered,
			double clientCpuMicrosPerDelivered,
			double p50Millis, double p99Millis, double maxMillis) {

		/**
		 * Deliveries missing at the drain deadline.
		 * @return the count
		 */
		public long lost() {
			return this.expected - this.delivered;
		}

	}

}

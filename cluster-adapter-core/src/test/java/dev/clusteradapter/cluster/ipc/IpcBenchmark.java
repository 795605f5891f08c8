package dev.clusteradapter.cluster.ipc;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * Measures the IPC channel, Unix sockets against TCP, in one run: round-trip latency
 * (worker to worker through the hub and back) and one-way throughput of 100-byte and
 * 10-KB messages. Not a test; run its {@code main} with the test class path.
 */
public final class IpcBenchmark {

	private static final int TYPE = ClusterBus.FIRST_APPLICATION_TYPE;

	private static final int ECHO = TYPE + 1;

	private IpcBenchmark() {
	}

	/**
	 * Runs the benchmark.
	 * @param args optional: a scale factor for the message counts (default 1), and one
	 * transport ({@code UNIX} or {@code TCP}) to measure alone
	 * @throws Exception if the hub or a client fails
	 */
	public static void main(String[] args) throws Exception {
		int scale = (args.length > 0) ? Integer.parseInt(args[0]) : 1;
		List<IpcTransport> transports = (args.length > 1) ? List.of(IpcTransport.valueOf(args[1]))
				: IpcTestSupport.transports().toList();
		// A first pass over every transport warms up the JIT for the code they share, so the
		// transport measured first is not penalised.
		for (boolean report : new boolean[] { false, true }) {
			for (IpcTransport transport : transports) {
				run(transport, scale, report);
			}
		}
	}

	private static void run(IpcTransport transport, int scale, boolean report) throws Exception {
		IpcSecret secret = IpcSecret.generate();
		IpcOptions options = IpcOptions.builder(secret).transport(transport).build();
		try (IpcHub hub = new IpcHub(options)) {
			IpcEndpoint endpoint = hub.start();
			try (IpcClient a = new IpcClient(endpoint, options); IpcClient b = new IpcClient(endpoint, options)) {
				AtomicLong received = new AtomicLong();
				AtomicLong echoed = new AtomicLong();
				b.addListener((source, type, payload) -> {
					if (type == ECHO) {
						b.send(source, ECHO, payload);
					}
					else {
						received.incrementAndGet();
					}
				});
				a.addListener((source, type, payload) -> echoed.incrementAndGet());
				a.connect().get(5, TimeUnit.SECONDS);
				b.connect().get(5, TimeUnit.SECONDS);
				int bId = b.nodeId();
				latency(transport, a, bId, echoed, 5_000, 20_000 * scale, report);
				throughput(transport, a, received, 100, 200_000 * scale, 20_000, report);
				throughput(transport, a, received, 10 * 1024, 20_000 * scale, 500, report);
			}
		}
	}

	private static void latency(IpcTransport transport, IpcClient a, int target, AtomicLong echoed, int warmup,
			int count, boolean report) {
		byte[] payload = new byte[100];
		long[] samples = new long[count];
		for (int i = 0; i < warmup + count; i++) {
			long expected = echoed.get() + 1;
			long start = System.nanoTime();
			a.send(target, ECHO, payload);
			while (echoed.get() < expected) {
				Thread.onSpinWait();
			}
			if (i >= warmup) {
				samples[i - warmup] = System.nanoTime() - start;
			}
		}
		if (!report) {
			return;
		}
		Arrays.sort(samples);
		System.out.printf("%-4s round trip 100 B (worker -> hub -> worker -> hub -> worker): p50 %.1f us, p99 %.1f us%n",
				transport, samples[count / 2] / 1000.0, samples[count * 99 / 100] / 1000.0);
	}

	private static void throughput(IpcTransport transport, IpcClient a, AtomicLong received, int size, int count,
			int window, boolean report) {
		byte[] payload = new byte[size];
		for (int round = 0; round < 2; round++) {
			long base = received.get();
			long start = System.nanoTime();
			for (int i = 0; i < count; i++) {
				// Bound what is in flight so the sender measures the channel, not its own queue.
				while (i - (received.get() - base) >= window) {
					LockSupport.parkNanos(10_000);
				}
				a.publish(TYPE, payload);
			}
			while (received.get() - base < count) {
				LockSupport.parkNanos(10_000);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			if (report && round == 1) {
				System.out.printf("%-4s one-way %6d B: %,10.0f msgs/s %8.1f MB/s (%d messages)%n", transport, size,
						count / seconds, count * (double) size / seconds / 1e6, count);
			}
		}
	}

}

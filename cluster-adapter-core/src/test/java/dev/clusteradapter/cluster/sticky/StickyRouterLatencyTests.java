package dev.clusteradapter.cluster.sticky;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures what the {@link StickyRouter} adds, per mode, against connecting to a worker
 * directly, in one run with samples interleaved so machine noise hits every path alike.
 * Prints the figures; asserts only that nothing failed. A measurement, not a check, so it
 * runs on request only: {@code -Dsticky.measure=true}.
 */
@EnabledIfSystemProperty(named = "sticky.measure", matches = "true")
class StickyRouterLatencyTests {

	private static final int WARMUP = 50;

	private static final int SAMPLES = 200;

	@TempDir
	Path handoverDir;

	@Test
	void connectAndEchoLatencyThroughTheRouterVersusDirect() throws Exception {
		List<TestWorker> workers = List.of(new TestWorker(1, this.handoverDir), new TestWorker(2, this.handoverDir));
		StickyRouter handover = new StickyRouter(StickyRouterOptions.of("127.0.0.1", 0).withMode(StickyMode.HANDOVER),
				() -> workers.stream().map(TestWorker::endpoint).toList(), RouterMetrics.NONE);
		StickyRouter relay = new StickyRouter(StickyRouterOptions.of("127.0.0.1", 0).withMode(StickyMode.RELAY),
				() -> workers.stream().map(TestWorker::endpoint).toList(), RouterMetrics.NONE);
		Map<String, InetSocketAddress> targets = new LinkedHashMap<>();
		targets.put("direct", workers.get(0).address);
		targets.put("handover", handover.start());
		targets.put("relay", relay.start());
		try (TestClients clients = new TestClients()) {
			Map<String, long[]> handshakes = new LinkedHashMap<>();
			Map<String, long[]> connects = new LinkedHashMap<>();
			Map<String, long[]> echoes = new LinkedHashMap<>();
			Map<String, Socket> sockets = new LinkedHashMap<>();
			targets.forEach((name, address) -> {
				handshakes.put(name, new long[SAMPLES]);
				connects.put(name, new long[SAMPLES]);
				echoes.put(name, new long[SAMPLES * 5]);
				sockets.put(name, clients.connect(address, WebSocket.NAME));
			});
			for (int i = -WARMUP; i < SAMPLES; i++) {
				for (Map.Entry<String, InetSocketAddress> target : targets.entrySet()) {
					long handshake = rawHandshake(target.getValue());
					long connect = connect(clients, target.getValue());
					if (i >= 0) {
						handshakes.get(target.getKey())[i] = handshake;
						connects.get(target.getKey())[i] = connect;
					}
					for (int e = 0; e < 5; e++) {
						long start = System.nanoTime();
						assertThat(TestClients.call(sockets.get(target.getKey()), "echo", "ping")).isEqualTo("ping");
						if (i >= 0) {
							echoes.get(target.getKey())[i * 5 + e] = System.nanoTime() - start;
						}
					}
				}
			}
			sockets.values().forEach(Socket::close);
			System.out.printf("%nSticky router latency, %d samples each (µs, p50 / p99)%n", SAMPLES);
			System.out.printf("%-9s %-22s %-22s %-22s%n", "path", "raw polling handshake", "client WS connect",
					"WS echo round trip");
			for (String name : targets.keySet()) {
				System.out.printf("%-9s %-22s %-22s %-22s%n", name, percentiles(handshakes.get(name)),
						percentiles(connects.get(name)), percentiles(echoes.get(name)));
			}
		}
		finally {
			handover.close();
			relay.close();
			workers.forEach(TestWorker::close);
		}
	}

	@Test
	void routerCpuPerRoutedConnectionAndPerRelayedEcho() throws Exception {
		List<TestWorker> workers = List.of(new TestWorker(1, this.handoverDir), new TestWorker(2, this.handoverDir));
		try (TestClients clients = new TestClients()) {
			System.out.printf("%nSticky router CPU (all its threads), µs%n");
			System.out.printf("%-9s %-26s %-26s%n", "mode", "per routed handshake", "per WS echo round trip");
			for (StickyMode mode : List.of(StickyMode.HANDOVER, StickyMode.RELAY)) {
				StickyRouter router = new StickyRouter(StickyRouterOptions.of("127.0.0.1", 0).withMode(mode),
						() -> workers.stream().map(TestWorker::endpoint).toList(), RouterMetrics.NONE);
				try {
					InetSocketAddress address = router.start();
					for (int i = 0; i < WARMUP; i++) {
						rawHandshake(address);
					}
					long before = routerCpuNanos();
					for (int i = 0; i < SAMPLES * 5; i++) {
						rawHandshake(address);
					}
					long perHandshake = (routerCpuNanos() - before) / (SAMPLES * 5);
					Socket socket = clients.connect(address, WebSocket.NAME);
					for (int i = 0; i < WARMUP; i++) {
						TestClients.call(socket, "echo", "ping");
					}
					before = routerCpuNanos();
					for (int i = 0; i < SAMPLES * 5; i++) {
						assertThat(TestClients.call(socket, "echo", "ping")).isEqualTo("ping");
					}
					long perEcho = (routerCpuNanos() - before) / (SAMPLES * 5);
					socket.close();
					System.out.printf("%-9s %-26d %-26d%n", mode, perHandshake / 1000, perEcho / 1000);
				}
				finally {
					router.close();
				}
			}
		}
		finally {
			workers.forEach(TestWorker::close);
		}
	}

	private static long routerCpuNanos() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long total = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith(StickyRouter.THREAD_PREFIX)) {
				total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return total;
	}

	private static long rawHandshake(InetSocketAddress address) {
		long start = System.nanoTime();
		try (RawHttpConnection http = new RawHttpConnection(address)) {
			String response = http.send("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n")
				.readResponse();
			long elapsed = System.nanoTime() - start;
			assertThat(response).startsWith("HTTP/1.1 200").contains("\"sid\"");
			return elapsed;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long connect(TestClients clients, InetSocketAddress address) throws Exception {
		Socket socket = clients.open(address, WebSocket.NAME);
		CompletableFuture<Long> connected = new CompletableFuture<>();
		long start = System.nanoTime();
		socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(System.nanoTime() - start));
		socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> connected.completeExceptionally(new IllegalStateException()));
		socket.connect();
		try {
			return connected.get(10, TimeUnit.SECONDS);
		}
		finally {
			socket.close();
		}
	}

	private static String percentiles(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return String.format("%6d / %6d", sorted[sorted.length / 2] / 1000, sorted[(int) (sorted.length * 0.99)] / 1000);
	}

}

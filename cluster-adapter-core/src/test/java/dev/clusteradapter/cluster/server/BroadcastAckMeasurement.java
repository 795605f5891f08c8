package dev.clusteradapter.cluster.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.corundumstudio.socketio.BroadcastAckCallback;
import com.corundumstudio.socketio.BroadcastOperations;
import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.server.AskedClient.Answer;

/**
 * Measures a netty-socketio broadcast with a {@code BroadcastAckCallback}, from the call to
 * {@code onAllSuccess}: four clients on two workers over the real IPC, beside netty-socketio's
 * own local-only broadcast to four clients of one worker. Not part of the build's tests
 * (not named {@code *Tests}); run with {@code -Dtest=BroadcastAckMeasurement}.
 */
class BroadcastAckMeasurement {

	private static final int WARMUP = 200;

	private static final int ROUNDS = 1000;

	@Test
	void broadcastWithAckRoundTrip() {
		List<AskedClient> clients = new ArrayList<>();
		try (IpcWorkers cluster = new IpcWorkers(Duration.ofSeconds(5))) {
			IpcWorkers.Worker w1 = cluster.start();
			IpcWorkers.Worker w2 = cluster.start();
			for (IpcWorkers.Worker worker : List.of(w1, w1, w2, w2)) {
				clients.add(AskedClient.connect(worker.url("/"), Answer.AT_ONCE));
			}
			print("cluster, 2 + 2 clients on 2 workers", measure(() -> w1.server.getNamespace("").getBroadcastOperations()));
			clients.forEach(AskedClient::close);
			clients.clear();
			for (int i = 0; i < 4; i++) {
				clients.add(AskedClient.connect(w1.url("/"), Answer.AT_ONCE));
			}
			print("netty-socketio local only, 4 clients on 1 worker",
					measure(() -> ((ClusteredSocketIONamespace) w1.server.getNamespace("")).delegate().getBroadcastOperations()));
		}
		finally {
			clients.forEach(AskedClient::close);
		}
	}

	private static long[] measure(Supplier<BroadcastOperations> operations) {
		long[] nanos = new long[ROUNDS];
		for (int i = 0; i < WARMUP + ROUNDS; i++) {
			CompletableFuture<Void> all = new CompletableFuture<>();
			long start = System.nanoTime();
			operations.get().sendEvent("ask", i, new BroadcastAckCallback<>(String.class, 5) {

				@Override
				protected void onAllSuccess() {
					all.complete(null);
				}

			});
			all.orTimeout(10, TimeUnit.SECONDS).join();
			if (i >= WARMUP) {
				nanos[i - WARMUP] = System.nanoTime() - start;
			}
		}
		Arrays.sort(nanos);
		return nanos;
	}

	private static void print(String what, long[] sorted) {
		System.out.printf("MEASURED broadcast with ack, %s: p50 %d us, p99 %d us (%d rounds)%n", what,
				sorted[sorted.length / 2] / 1000, sorted[sorted.length * 99 / 100] / 1000, sorted.length);
	}

}

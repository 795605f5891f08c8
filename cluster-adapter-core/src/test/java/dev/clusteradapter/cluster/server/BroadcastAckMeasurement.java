package dev.clusteradapter.cluster.server;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.corundumstudio.socketio.BroadcastAckCallback;
import com.corundumstudio.socketio.BroadcastOperations;
import com.corundumstudio.socketio.SingleRoomBroadcastOperations;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.adapter.RemoteSocket;
import dev.clusteradapter.cluster.adapter.SocketIoCluster;
import dev.clusteradapter.cluster.server.AskedClient.Answer;

/**
 * Measures a netty-socketio broadcast with a {@code BroadcastAckCallback}, from the call to
 * {@code onAllSuccess}: four clients on two workers over the real IPC, beside netty-socketio's
 * own local-only broadcast to four clients of one worker; and the starter's bridge beside
 * netty-socketio's public {@code SingleRoomBroadcastOperations} over fetched views of remote
 * clients, the alternative that needs no package-private member. Not part of the build's tests
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

	/**
	 * The bridge beside netty-socketio's public {@code SingleRoomBroadcastOperations} driving
	 * the callback over this worker's clients and {@link RemoteSocketIOClient} views of the
	 * others' (fetched first; each view then asks its client with a request of its own): the
	 * alternative to {@code BroadcastAckBridge} that needs no package-private member.
	 */
	@Test
	void bridgeBesideSingleRoomBroadcastOperations() {
		for (int remote : new int[] { 2, 20 }) {
			List<AskedClient> clients = new ArrayList<>();
			try (IpcWorkers cluster = new IpcWorkers(Duration.ofSeconds(5))) {
				IpcWorkers.Worker w1 = cluster.start();
				IpcWorkers.Worker w2 = cluster.start();
				for (int i = 0; i < 2; i++) {
					clients.add(AskedClient.connect(w1.url("/"), Answer.AT_ONCE));
				}
				for (int i = 0; i < remote; i++) {
					clients.add(AskedClient.connect(w2.url("/"), Answer.AT_ONCE));
				}
				String what = "2 + " + remote + " clients on 2 workers";
				SocketIoCluster cluster1 = new SocketIoCluster(w1.adapter);
				SocketIONamespace namespace = w1.server.getNamespace("");
				Supplier<Result> bridge = () -> measure(() -> w1.server.getNamespace("").getBroadcastOperations());
				Supplier<Result> singleRoom = () -> measureWith((callback) -> cluster1.fetchSockets()
					.thenAccept((sockets) -> new SingleRoomBroadcastOperations("", "", views(w1, namespace, sockets),
							w1.server.getConfiguration().getStoreFactory())
						.sendEvent("ask", 0, callback)));
				// each way twice, in both orders, so that neither profits alone from a warmer JIT
				print("bridge, " + what, bridge.get());
				print("fetchSockets + SingleRoomBroadcastOperations, " + what, singleRoom.get());
				print("fetchSockets + SingleRoomBroadcastOperations, " + what, singleRoom.get());
				print("bridge, " + what, bridge.get());
			}
			finally {
				clients.forEach(AskedClient::close);
			}
		}
	}

	private static List<SocketIOClient> views(IpcWorkers.Worker worker, SocketIONamespace namespace,
			List<RemoteSocket> sockets) {
		List<SocketIOClient> clients = new ArrayList<>();
		for (RemoteSocket socket : sockets) {
			clients.add((socket.nodeId() == worker.adapter.nodeId()) ? namespace.getClient(UUID.fromString(socket.id()))
					: new RemoteSocketIOClient(socket, namespace, Duration.ofSeconds(5)));
		}
		return clients;
	}

	private static Result measure(Supplier<BroadcastOperations> operations) {
		return measureWith((callback) -> operations.get().sendEvent("ask", 0, callback));
	}

	private static Result measureWith(Consumer<BroadcastAckCallback<String>> broadcast) {
		long[] nanos = new long[ROUNDS];
		long cpuAtStart = 0;
		for (int i = 0; i < WARMUP + ROUNDS; i++) {
			if (i == WARMUP) {
				cpuAtStart = processCpuNanos();
			}
			CompletableFuture<Void> all = new CompletableFuture<>();
			long start = System.nanoTime();
			broadcast.accept(new BroadcastAckCallback<>(String.class, 5) {

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
		long cpu = processCpuNanos() - cpuAtStart;
		Arrays.sort(nanos);
		return new Result(nanos, cpu / ROUNDS);
	}

	/** CPU time of this JVM: the servers, the hub and the clients, which both ways share. */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static void print(String what, Result result) {
		long[] sorted = result.sortedNanos();
		System.out.printf("MEASURED broadcast with ack, %s: p50 %d us, p99 %d us, CPU %d us per broadcast (%d rounds)%n",
				what, sorted[sorted.length / 2] / 1000, sorted[sorted.length * 99 / 100] / 1000,
				result.cpuNanosPerRound() / 1000, sorted.length);
	}

	private record Result(long[] sortedNanos, long cpuNanosPerRound) {
	}

}

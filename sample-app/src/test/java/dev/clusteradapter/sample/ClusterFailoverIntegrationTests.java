package dev.clusteradapter.sample;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker JVM killed under real clients of the official Java client, through the
 * primary's public port: pending cluster requests settle at once with the survivors'
 * answers, the dead worker's clients reconnect to a live worker, the others stay put.
 */
class ClusterFailoverIntegrationTests {

	private final List<Socket> sockets = new ArrayList<>();

	@AfterEach
	void closeSockets() {
		this.sockets.forEach(Socket::close);
	}

	@Test
	void workerKilledMidRequestSettlesWithinASecondAndItsClientsMoveOn() throws Exception {
		try (SampleCluster cluster = SampleCluster.start("failover").awaitServing(2)) {
			List<Socket> onA = new ArrayList<>();
			List<Socket> onB = new ArrayList<>();
			String workerA = null;
			String workerB = null;
			while ((onA.isEmpty() || onB.isEmpty()) && this.sockets.size() < 40) {
				Socket socket = connect(cluster);
				String worker = whoami(socket).getString("worker");
				if (workerA == null || workerA.equals(worker)) {
					workerA = worker;
					onA.add(socket);
				}
				else {
					workerB = worker;
					onB.add(socket);
				}
			}
			assertThat(onB).as("clients on two workers").isNotEmpty();
			for (Socket socket : this.sockets) {
				call(socket, "join", "r").get(10, TimeUnit.SECONDS);
			}
			onA.forEach((socket) -> socket.on("ready?", (args) -> ((Ack) args[args.length - 1]).call("a")));
			AtomicInteger disconnectsOnA = new AtomicInteger();
			onA.forEach((socket) -> socket.on(Socket.EVENT_DISCONNECT, (args) -> disconnectsOnA.incrementAndGet()));

			CompletableFuture<Object[]> readyCheck = call(onA.get(0), "ready-check",
					new JSONObject().put("room", "r").put("question", "q").put("timeoutMs", 20000));
			long victim = workerPid(cluster, Integer.parseInt(workerB));
			ProcessHandle.of(victim).orElseThrow().destroyForcibly();
			long killedAt = System.nanoTime();
			JSONObject answer = (JSONObject) readyCheck.get(10, TimeUnit.SECONDS)[0];
			Duration settledIn = Duration.ofNanos(System.nanoTime() - killedAt);
			assertThat(settledIn).isLessThan(Duration.ofSeconds(1));
			assertThat(answer.getJSONArray("responses").length()).isEqualTo(onA.size());

			String survivor = workerA;
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				for (Socket socket : onB) {
					assertThat(socket.connected()).isTrue();
					assertThat(whoami(socket).getString("worker")).isNotNull();
				}
			});
			assertThat(disconnectsOnA).hasValue(0);
			for (Socket socket : onA) {
				assertThat(whoami(socket).getString("worker")).isEqualTo(survivor);
			}
		}
	}

	private Socket connect(SampleCluster cluster) throws Exception {
		IO.Options options = IO.Options.builder()
			.setTransports(new String[] { "websocket" })
			.setForceNew(true)
			.setReconnectionDelay(100)
			.build();
		Socket socket = IO.socket(URI.create(cluster.socketUrl()), options);
		CompletableFuture<Void> connected = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(null));
		socket.connect();
		this.sockets.add(socket);
		connected.get(10, TimeUnit.SECONDS);
		return socket;
	}

	private static JSONObject whoami(Socket socket) throws Exception {
		return (JSONObject) call(socket, "whoami").get(10, TimeUnit.SECONDS)[0];
	}

	private static CompletableFuture<Object[]> call(Socket socket, String event, Object... args) {
		CompletableFuture<Object[]> answer = new CompletableFuture<>();
		Object[] withAck = Arrays.copyOf(args, args.length + 1);
		withAck[args.length] = (Ack) answer::complete;
		socket.emit(event, withAck);
		return answer;
	}

	private static long workerPid(SampleCluster cluster, int workerId) {
		String prefix = "[worker-" + workerId + "]";
		return cluster.workerPids()
			.stream()
			.filter((pid) -> cluster.output().stream().anyMatch((line) -> line.startsWith(prefix) && line.contains(" " + pid + " --- ")))
			.findFirst()
			.orElseThrow();
	}

}

package dev.clusteradapter.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health, metrics and the {@code socketiocluster} endpoint of a real primary with two
 * worker JVMs, read from the primary's web port only: the workers run without one, as by
 * default, and their request meters reach the primary in their heartbeats. One cluster for
 * the class: the worker kill comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleClusterObservabilityIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static SampleCluster cluster;

	private static final List<Socket> sockets = new ArrayList<>();

	@BeforeAll
	static void startCluster() throws IOException {
		cluster = SampleCluster.start("observability").awaitWorkers(2);
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(clusterHealth().path("status").asText()).isEqualTo("UP"));
	}

	@AfterAll
	static void stopCluster() {
		sockets.forEach(Socket::close);
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	@Order(1)
	void healthIsUpAndDetailsEveryWorker() throws Exception {
		HttpResponse<String> response = primaryGet("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = JSON.readTree(response.body());
		assertThat(health.path("status").asText()).isEqualTo("UP");
		JsonNode details = health.path("components").path("socketIoCluster").path("details");
		assertThat(details.path("role").asText()).isEqualTo("primary");
		assertThat(details.path("publicAddress").asText()).isEqualTo("127.0.0.1:" + cluster.clusterPort().orElseThrow());
		assertThat(details.path("ipcEndpoint").asText()).matches("(unix|tcp):.+");
		assertThat(details.path("servingWorkers").asInt()).isEqualTo(2);
		JsonNode workers = details.path("workers");
		assertThat(fieldNames(workers)).containsExactly("1", "2");
		for (JsonNode worker : workers) {
			assertThat(worker.path("state").asText()).isEqualTo("RUNNING");
			assertThat(worker.path("linked").asBoolean()).isTrue();
			assertThat(worker.path("serving").asBoolean()).isTrue();
			assertThat(worker.path("restarts").asInt()).isZero();
			assertThat(worker.path("lastHeartbeatAgeMs").asLong()).isNotNegative();
			assertThat(cluster.workerPids()).contains(worker.path("pid").asLong());
		}
	}

	@Test
	@Order(2)
	void endpointListsBothWorkers() throws Exception {
		HttpResponse<String> response = primaryGet("/actuator/socketiocluster");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode described = JSON.readTree(response.body());
		assertThat(described.path("role").asText()).isEqualTo("primary");
		assertThat(described.path("workers")).hasSize(2);
		List<Long> pids = new ArrayList<>();
		for (JsonNode worker : described.path("workers")) {
			assertThat(worker.path("linked").asBoolean()).isTrue();
			assertThat(worker.path("lastHeartbeat").asText()).isNotEmpty();
			pids.add(worker.path("pid").asLong());
		}
		assertThat(pids).containsExactlyInAnyOrderElementsOf(cluster.workerPids());
	}

	@Test
	@Order(3)
	void workersAliveGaugeCountsServingWorkers() throws Exception {
		assertThat(primaryMeasurement("socketio.cluster.workers.alive")).isEqualTo(2);
		assertThat(primaryMeasurement("socketio.cluster.worker.clients?tag=worker:1")).isNotNegative();
	}

	@Test
	@Order(4)
	void primaryTimesTheWorkersFetchSocketsAndAckTimeouts() throws Exception {
		String url = "http://127.0.0.1:" + cluster.clusterPort().orElseThrow();
		Socket asker = connect(url);
		String askerWorker = worker(asker);
		Socket silent = connect(url);
		while (worker(silent).equals(askerWorker)) {
			assertThat(sockets).as("clients until one lands on the other worker").hasSizeLessThan(8);
			silent = connect(url);
		}
		// the silent client never answers "ready?": no listener, so no ack
		emitWithAck(silent, "join", "observed");
		JSONArray everyone = (JSONArray) emitWithAck(asker, "who", JSONObject.NULL);
		assertThat(everyone.length()).isEqualTo(sockets.size());
		JSONObject check = (JSONObject) emitWithAck(asker, "ready-check",
				new JSONObject(Map.of("room", "observed", "question", "ready?", "timeoutMs", 300)));
		assertThat(check.getBoolean("timedOut")).isTrue();
		String fetches = "socketio.cluster.worker.requests?tag=type:fetch_sockets&tag=outcome:success";
		String ackTimeouts = "socketio.cluster.worker.requests?tag=type:broadcast_ack&tag=outcome:timeout";
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(primaryStatistic(fetches, "COUNT")).isGreaterThanOrEqualTo(1);
			assertThat(primaryStatistic(ackTimeouts, "COUNT")).isEqualTo(1);
		});
		// the asker's worker recorded them, so only its series counts them
		String askerTag = "&tag=worker:" + askerWorker;
		assertThat(primaryStatistic(fetches + askerTag, "COUNT")).isGreaterThanOrEqualTo(1);
		assertThat(primaryStatistic(ackTimeouts + askerTag, "COUNT")).isEqualTo(1);
		// the request waited for its 300 ms timeout before it settled
		assertThat(primaryStatistic(ackTimeouts, "TOTAL_TIME")).isGreaterThanOrEqualTo(0.3);
		assertThat(primaryMeasurement("socketio.cluster.sticky.decisions")).isGreaterThanOrEqualTo(sockets.size());
		assertThat(primaryMeasurement("socketio.cluster.ipc.messages?tag=direction:in&tag=type:heartbeat")).isPositive();
	}

	@Test
	@Order(5)
	void killedWorkerDegradesHealthUntilItsReplacementServes() throws Exception {
		long victim = cluster.workerPids().get(0);
		String victimId = workerIdOf(victim);
		ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			HttpResponse<String> response = primaryGet("/actuator/health");
			// DEGRADED is not in Boot's HTTP mapping: still 200, the cluster serves
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode health = JSON.readTree(response.body());
			assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
			JsonNode component = health.path("components").path("socketIoCluster");
			assertThat(component.path("status").asText()).isEqualTo("DEGRADED");
			JsonNode missing = component.path("details").path("workers").path(victimId);
			assertThat(missing.path("serving").asBoolean()).isFalse();
			assertThat(missing.path("state").asText()).isIn("RESTARTING", "STARTING", "RUNNING");
			assertThat(component.path("details").path("servingWorkers").asInt()).isEqualTo(1);
		});
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			JsonNode component = clusterHealth();
			assertThat(component.path("status").asText()).isEqualTo("UP");
			JsonNode replaced = component.path("details").path("workers").path(victimId);
			assertThat(replaced.path("restarts").asInt()).isEqualTo(1);
			assertThat(replaced.path("lastExitReason").asText()).isEqualTo("exited with code 137");
			assertThat(replaced.path("pid").asLong()).isNotEqualTo(victim);
			assertThat(replaced.path("serving").asBoolean()).isTrue();
		});
		assertThat(primaryMeasurement("socketio.cluster.workers.alive")).isEqualTo(2);
		assertThat(primaryMeasurement("socketio.cluster.worker.restarts?tag=worker:" + victimId)).isEqualTo(1);
	}

	private static JsonNode clusterHealth() throws Exception {
		return JSON.readTree(primaryGet("/actuator/health").body()).path("components").path("socketIoCluster");
	}

	private static String workerIdOf(long pid) throws Exception {
		JsonNode workers = clusterHealth().path("details").path("workers");
		for (String id : fieldNames(workers)) {
			if (workers.path(id).path("pid").asLong() == pid) {
				return id;
			}
		}
		throw new AssertionError("No worker with pid " + pid + " in " + workers);
	}

	private static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.fieldNames().forEachRemaining(names::add);
		return names;
	}

	private static HttpResponse<String> primaryGet(String path) throws IOException, InterruptedException {
		return SampleCluster.get(cluster.webPort().orElseThrow(), path);
	}

	private static double primaryMeasurement(String metric) throws Exception {
		HttpResponse<String> response = primaryGet("/actuator/metrics/" + metric);
		assertThat(response.statusCode()).as(metric).isEqualTo(200);
		return JSON.readTree(response.body()).path("measurements").get(0).path("value").asDouble();
	}

	/** A statistic of a meter on the primary, summed over the series its tags select. */
	private static double primaryStatistic(String metric, String statistic) throws Exception {
		HttpResponse<String> response = primaryGet("/actuator/metrics/" + metric);
		assertThat(response.statusCode()).as(metric).isEqualTo(200);
		for (JsonNode measurement : JSON.readTree(response.body()).path("measurements")) {
			if (measurement.path("statistic").asText().equals(statistic)) {
				return measurement.path("value").asDouble();
			}
		}
		throw new AssertionError("No " + statistic + " in " + response.body());
	}

	private static Socket connect(String url) throws Exception {
		IO.Options options = IO.Options.builder().setReconnection(false).setForceNew(true).build();
		Socket socket = IO.socket(URI.create(url), options);
		CompletableFuture<Void> connected = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(null));
		socket.once(Socket.EVENT_CONNECT_ERROR,
				(args) -> connected.completeExceptionally(new IllegalStateException("Cannot connect: " + List.of(args))));
		sockets.add(socket);
		socket.connect();
		connected.get(20, TimeUnit.SECONDS);
		return socket;
	}

	private static String worker(Socket socket) throws Exception {
		CompletableFuture<Object> reply = new CompletableFuture<>();
		socket.emit("whoami", new Object[0], (args) -> reply.complete(args[0]));
		return ((JSONObject) reply.get(20, TimeUnit.SECONDS)).get("worker").toString();
	}

	private static Object emitWithAck(Socket socket, String event, Object argument) throws Exception {
		CompletableFuture<Object> reply = new CompletableFuture<>();
		socket.emit(event, new Object[] { argument }, (args) -> reply.complete((args.length > 0) ? args[0] : null));
		return reply.get(20, TimeUnit.SECONDS);
	}

}

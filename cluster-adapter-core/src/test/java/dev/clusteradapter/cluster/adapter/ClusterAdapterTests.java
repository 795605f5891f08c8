package dev.clusteradapter.cluster.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.corundumstudio.socketio.namespace.Namespace;

import dev.clusteradapter.cluster.server.ClusteredSocketIONamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link ClusterAdapter} failure semantics, ordering, metrics and the primary's (server-less)
 * side. Two workers and a primary are shared; each test that kills a node adds its own victim.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterAdapterTests {

	private final InMemoryClusterBus hub = new InMemoryClusterBus();

	private final List<ClusterNode> nodes = new CopyOnWriteArrayList<>();

	private final List<TestClient> clients = new ArrayList<>();

	private final List<String> measured = new CopyOnWriteArrayList<>();

	private final AtomicInteger nextVictim = new AtomicInteger(10);

	private ClusterNode w1;

	private ClusterNode w2;

	private ClusterNode primary;

	@BeforeAll
	void startCluster() {
		this.w1 = node(ClusterNode.worker(this.hub, 1,
				(type, outcome, duration) -> this.measured.add(type.tag() + ":" + outcome.tag())));
		this.w2 = node(ClusterNode.worker(this.hub, 2));
		this.primary = node(ClusterNode.primary(this.hub));
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(TestClient::close);
		this.clients.clear();
		await().until(() -> this.primary.cluster.fetchSockets().join().isEmpty());
		this.measured.clear();
	}

	@AfterAll
	void stopCluster() {
		this.nodes.parallelStream().forEach(ClusterNode::close);
		this.hub.close();
	}

	private ClusterNode node(ClusterNode node) {
		this.nodes.add(node);
		return node;
	}

	private ClusterNode victim() {
		ClusterNode victim = node(ClusterNode.worker(this.hub, this.nextVictim.getAndIncrement()));
		await().until(() -> this.w1.cluster.serverCount() == 3);
		return victim;
	}

	private TestClient client(ClusterNode node, String... events) {
		TestClient client = TestClient.connect(node, "/", events);
		this.clients.add(client);
		return client;
	}

	@Test
	void serverSideEmitWithAckSettlesWithTheSurvivorsWithinASecondWhenANodeIsKilled() throws Exception {
		ClusterNode victim = victim();
		CountDownLatch victimHeardIt = new CountDownLatch(1);
		this.w2.cluster.onServerSideEmit("survey", (args, ack) -> ack.send("w2"));
		victim.cluster.onServerSideEmit("survey", (args, ack) -> victimHeardIt.countDown());
		CompletableFuture<List<Object>> answers = this.w1.cluster.serverSideEmitWithAck("survey");
		assertThat(victimHeardIt.await(5, TimeUnit.SECONDS)).isTrue();
		long killedAt = System.nanoTime();
		this.hub.kill(victim.adapter.nodeId());
		assertThat(answers.get(1, TimeUnit.SECONDS)).containsExactly("w2");
		assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(1));
		await().until(() -> this.measured.contains("server_side_emit:partial"));
	}

	@Test
	void emitWithAckSettlesWithTheSurvivorsAnswersWhenTheNodeOfASilentClientIsKilled() throws Exception {
		ClusterNode victim = victim();
		client(this.w1).answer("ready?", "w1");
		client(this.w2).answer("ready?", "w2");
		CountDownLatch asked = new CountDownLatch(1);
		TestClient silent = TestClient.connect(victim, "/");
		silent.socket.on("ready?", (args) -> asked.countDown());
		CompletableFuture<AckResult> result = this.w1.cluster.emitWithAck("ready?");
		assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
		long killedAt = System.nanoTime();
		this.hub.kill(victim.adapter.nodeId());
		AckResult settled = result.get(1, TimeUnit.SECONDS);
		assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(1));
		assertThat(settled.responses()).containsExactlyInAnyOrder("w1", "w2");
		assertThat(settled.timedOut()).isTrue();
		silent.close();
	}

	@Test
	void fetchSocketsSettlesWithTheSurvivorsWhenASilentNodeIsKilled() throws Exception {
		TestClient a = client(this.w1);
		TestClient b = client(this.w2);
		int silentNode = this.nextVictim.getAndIncrement();
		this.hub.join(silentNode);
		await().until(() -> this.w1.adapter.transport().peers().contains(silentNode));
		CompletableFuture<List<RemoteSocket>> sockets = this.w1.cluster.fetchSockets();
		await().until(() -> this.w1.adapter.requests().size() == 1);
		long killedAt = System.nanoTime();
		this.hub.kill(silentNode);
		assertThat(sockets.get(1, TimeUnit.SECONDS)).extracting(RemoteSocket::id).containsExactlyInAnyOrder(a.id(), b.id());
		assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void fetchSocketsFailsWithATimeoutWhenALiveNodeNeverAnswers() {
		int silentNode = this.nextVictim.getAndIncrement();
		this.hub.join(silentNode);
		await().until(() -> this.w1.adapter.transport().peers().contains(silentNode));
		try {
			assertThatThrownBy(() -> this.w1.cluster.timeout(Duration.ofMillis(200)).fetchSockets().join())
				.isInstanceOf(CompletionException.class)
				.hasCauseInstanceOf(TimeoutException.class);
			await().until(() -> this.measured.contains("fetch_sockets:timeout"));
			assertThat(this.measured).containsExactly("fetch_sockets:timeout");
			assertThat(this.w1.adapter.requests().size()).isZero();
		}
		finally {
			this.hub.kill(silentNode);
		}
	}

	@Test
	void remoteMembershipsOfAKilledNodeAreRemoved() {
		ClusterNode victim = victim();
		TestClient member = TestClient.connect(victim, "/");
		member.join("team");
		Namespace namespace = ((ClusteredSocketIONamespace) this.w1.server.getNamespace("")).namespace();
		await().until(() -> namespace.getRoomClientsInCluster("team") == 1);
		this.hub.kill(victim.adapter.nodeId());
		await().until(() -> namespace.getRoomClientsInCluster("team") == 0);
		assertThat(this.w1.adapter.memberships().count(victim.adapter.nodeId())).isZero();
		member.close();
	}

	@Test
	void messagesFromOneNodeAreAppliedInTheOrderSent() {
		List<Object> heard = new CopyOnWriteArrayList<>();
		this.w2.cluster.onServerSideEmit("seq", (args, ack) -> heard.add(args.get(0)));
		TestClient receiver = client(this.w2, "seq");
		for (int i = 0; i < 1000; i++) {
			this.w1.cluster.serverSideEmit("seq", i);
			this.w1.cluster.emit("seq", i);
		}
		List<Integer> expected = IntStream.range(0, 1000).boxed().toList();
		await().until(() -> heard.size() == 1000 && receiver.received("seq").size() == 1000);
		assertThat(heard).isEqualTo(expected);
		assertThat(receiver.received("seq")).extracting((args) -> args.get(0)).isEqualTo(expected);
	}

	@Test
	void primaryWithoutServerEmitsToRoomsAndFetchesTheWorkersSockets() throws Exception {
		TestClient a = client(this.w1, "news");
		TestClient b = client(this.w2, "news");
		b.join("vip");
		assertThat(this.primary.cluster.serverCount()).isEqualTo(2);
		this.primary.cluster.to("vip").emit("news", "vip only");
		this.primary.cluster.emit("news", "all");
		await().until(() -> b.received("news").size() == 2 && a.received("news").size() == 1);
		assertThat(a.received("news").get(0)).containsExactly("all");
		assertThat(this.primary.cluster.fetchSockets().get(5, TimeUnit.SECONDS)).extracting(RemoteSocket::id)
			.containsExactlyInAnyOrder(a.id(), b.id());
		assertThat(this.primary.cluster.in("vip").fetchSockets().get(5, TimeUnit.SECONDS)).extracting(RemoteSocket::nodeId)
			.containsExactly(2);
	}

	@Test
	void primaryServerSideEmitReachesEveryWorker() throws Exception {
		this.w1.cluster.onServerSideEmit("from-primary", (args, ack) -> ack.send(Map.of("worker", 1)));
		this.w2.cluster.onServerSideEmit("from-primary", (args, ack) -> ack.send(Map.of("worker", 2)));
		assertThat(this.primary.cluster.serverSideEmitWithAck("from-primary").get(5, TimeUnit.SECONDS))
			.containsExactlyInAnyOrder(Map.of("worker", 1), Map.of("worker", 2));
	}

	@Test
	void requestsAreMeasuredByTypeAndOutcome() throws Exception {
		client(this.w2).answer("ping", "pong");
		this.w1.cluster.emitWithAck("ping").get(5, TimeUnit.SECONDS);
		this.w1.cluster.socketsJoin("room").get(5, TimeUnit.SECONDS);
		this.w1.cluster.socketsLeave("room").get(5, TimeUnit.SECONDS);
		this.w1.cluster.disconnectSockets(true).get(5, TimeUnit.SECONDS);
		await().until(() -> this.measured.size() == 4);
		assertThat(this.measured).containsExactly("broadcast_ack:success", "sockets_join:success",
				"sockets_leave:success", "disconnect_sockets:success");
	}

}

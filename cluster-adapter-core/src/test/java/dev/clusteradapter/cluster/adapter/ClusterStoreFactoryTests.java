package dev.clusteradapter.cluster.adapter;

import java.util.ArrayList;
import java.util.List;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.namespace.Namespace;

import dev.clusteradapter.cluster.server.ClusteredSocketIONamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * netty-socketio's own API, unchanged, across two servers using {@link ClusterStoreFactory}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterStoreFactoryTests {

	private final InMemoryClusterBus hub = new InMemoryClusterBus();

	private final List<ClusterNode> nodes = new ArrayList<>();

	private final List<TestClient> clients = new ArrayList<>();

	private ClusterNode w1;

	private ClusterNode w2;

	@BeforeAll
	void startCluster() {
		this.w1 = node(ClusterNode.worker(this.hub, 1));
		this.w2 = node(ClusterNode.worker(this.hub, 2));
		await().until(() -> this.w1.cluster.serverCount() == 2);
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(TestClient::close);
		this.clients.clear();
		await().until(() -> this.w1.cluster.fetchSockets().join().isEmpty()
				&& this.w1.cluster.of("/chat").fetchSockets().join().isEmpty());
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

	private TestClient client(ClusterNode node, String nsp, String... events) {
		TestClient client = TestClient.connect(node, nsp, events);
		this.clients.add(client);
		return client;
	}

	private static Namespace defaultNamespace(ClusterNode node) {
		return ((ClusteredSocketIONamespace) node.server.getNamespace("")).namespace();
	}

	@Test
	void serverBroadcastOperationsReachClientsOfEveryServerOnce() {
		TestClient here = client(this.w1, "/", "news");
		TestClient there = client(this.w2, "/", "news");
		this.w1.server.getBroadcastOperations().sendEvent("news", "to all", 7);
		await().until(() -> there.received("news").size() == 1 && here.received("news").size() == 1);
		assertThat(there.received("news").get(0)).containsExactly("to all", 7);
		this.w1.server.getBroadcastOperations().sendEvent("news", "second");
		await().until(() -> there.received("news").size() == 2);
		assertThat(there.received("news")).hasSize(2);
	}

	@Test
	void roomOperationsFromAServerWithoutMembersReachRemoteMembers() {
		TestClient member = client(this.w2, "/", "news");
		TestClient other = client(this.w2, "/", "news", "marker");
		member.join("r");
		this.w1.server.getRoomOperations("r").sendEvent("news", "room only");
		this.w1.server.getBroadcastOperations().sendEvent("marker");
		await().until(() -> member.received("news").size() == 1 && other.received("marker").size() == 1);
		assertThat(member.received("news").get(0)).containsExactly("room only");
		assertThat(other.received("news")).isEmpty();
	}

	@Test
	void remoteRoomBroadcastReachesAPollingClientInItsFraming() {
		TestClient polling = TestClient.connectPolling(this.w2, "/", "news");
		this.clients.add(polling);
		polling.join("r");
		this.w1.server.getRoomOperations("r").sendEvent("news", "over polling", 1);
		await().until(() -> polling.received("news").size() == 1);
		assertThat(polling.received("news").get(0)).containsExactly("over polling", 1);
		assertThat(polling.socket.connected()).isTrue();
	}

	@Test
	void namespaceBroadcastOperationsStayInTheirNamespace() {
		TestClient chat = client(this.w2, "/chat", "news");
		TestClient root = client(this.w2, "/", "news", "marker");
		this.w1.server.getNamespace("/chat").getBroadcastOperations().sendEvent("news", "chat only");
		this.w1.server.getBroadcastOperations().sendEvent("marker");
		await().until(() -> chat.received("news").size() == 1 && root.received("marker").size() == 1);
		assertThat(root.received("news")).isEmpty();
	}

	@Test
	void joinAndLeaveAreReplicatedToTheOtherServers() {
		TestClient member = client(this.w2, "/");
		member.join("team");
		await().until(() -> defaultNamespace(this.w1).getRoomClientsInCluster("team") == 1);
		member.call("leave", "team");
		await().until(() -> defaultNamespace(this.w1).getRoomClientsInCluster("team") == 0);
	}

	@Test
	void disconnectedClientLeavesItsRoomsOnTheOtherServers() {
		TestClient member = client(this.w2, "/");
		member.join("team");
		await().until(() -> defaultNamespace(this.w1).getRoomClientsInCluster("team") == 1);
		member.close();
		await().until(() -> defaultNamespace(this.w1).getRoomClientsInCluster("team") == 0);
	}

	@Test
	void aServerStartedLaterLearnsTheCurrentMemberships() {
		TestClient member = client(this.w2, "/");
		member.join("early");
		ClusterNode late = node(ClusterNode.worker(this.hub, 3));
		await().until(() -> defaultNamespace(late).getRoomClientsInCluster("early") == 1);
	}

	@Test
	void clientStoreEntriesAreTheSocketData() throws Exception {
		TestClient remote = client(this.w2, "/");
		SocketIOClient serverSide = this.w2.server.getClient(java.util.UUID.fromString(remote.id()));
		serverSide.set("score", 42);
		assertThat(SocketData.of(serverSide)).containsEntry("score", 42);
		RemoteSocket fetched = this.w1.cluster.fetchSockets().get().get(0);
		assertThat(fetched.data()).containsEntry("score", 42);
	}

}

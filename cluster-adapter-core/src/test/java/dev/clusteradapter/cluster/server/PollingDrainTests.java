package dev.clusteradapter.cluster.server;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.transport.NamespaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.clusteradapter.cluster.StandaloneBus;
import dev.clusteradapter.cluster.adapter.ClusterAdapter;
import dev.clusteradapter.cluster.adapter.ClusterStoreFactory;
import dev.clusteradapter.cluster.adapter.SocketIoCluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client kicked with {@code disconnectSockets(true)} learns it was kicked ({@code io
 * server disconnect}, after which a client stays away) and never sees a {@code transport
 * error} (after which it reconnects by itself), whatever its transport: the packets queued
 * for a polling session that ends are left for its next poll, as Engine.IO drains a polling
 * transport before it closes it. Official JavaScript client, a crowd kicked again and again.
 */
class PollingDrainTests {

	private static final int CROWD = 20;

	private static final int ROUNDS = 10;

	@ParameterizedTest
	@EnumSource(value = ClientTransports.class, names = { "POLLING", "WEBSOCKET" })
	void everyKickedClientSeesIoServerDisconnect(ClientTransports transports) throws Exception {
		ClusterAdapter adapter = new ClusterAdapter(new StandaloneBus());
		SocketIoCluster cluster = new SocketIoCluster(adapter);
		try (ProbeServer server = ProbeServer.start((configuration) -> configuration
			.setStoreFactory(new ClusterStoreFactory(adapter)), (clustered) -> {
			});
				NodeClient crowd = NodeClient.run("crowd.js", server.url(), transports.transports(),
						String.valueOf(CROWD))) {
			for (int round = 1; round <= ROUNDS; round++) {
				crowd.awaitEvents("connected", CROWD * round, Duration.ofSeconds(30));
				await().atMost(Duration.ofSeconds(10)).until(() -> server.server().getAllClients().size() == CROWD);
				server.server().getAllClients().forEach((client) -> client.joinRoom("kicked"));
				// answers every waiting long-poll, so that the kick comes while the clients poll again
				server.server().getRoomOperations("kicked").sendEvent("farewell");
				cluster.in("kicked").disconnectSockets(true).get(5, TimeUnit.SECONDS);
				List<JsonNode> ended = crowd.awaitEvents("disconnected", CROWD * round, Duration.ofSeconds(30));
				assertThat(ended).as("round %d", round)
					.allSatisfy((line) -> assertThat(line.path("reason").asText()).isEqualTo("io server disconnect"));
			}
		}
		finally {
			adapter.close();
		}
	}

	@Test
	void pollAfterTheLastPacketsWereTakenElsewhereFindsTheSessionGone() {
		try (ProbeServer server = ProbeServer.start()) {
			String sid = RawHttp.openPollingSession(server.port());
			assertThat(RawHttp.poll(server.port(), sid).body()).startsWith("40");
			ClientHead session = ((NamespaceClient) server.server().getClient(UUID.fromString(sid))).getBaseClient();
			session.disconnect();
			// as when a waiting long-poll took them after the session ended
			session.getPacketsQueue(Transport.POLLING).clear();
			RawHttp.Response poll = RawHttp.poll(server.port(), sid);
			assertThat(poll.head()).startsWith("HTTP/1.1 400");
			assertThat(poll.body()).contains("Session ID unknown");
		}
	}

}

package dev.clusteradapter.cluster.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.corundumstudio.socketio.SocketIOClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Broadcasts, whose WebSocket writes a worker gathers per event loop, keep their place among
 * the events one client is sent directly, through the polling-to-WebSocket upgrade too, for
 * a client of the sending worker and a client of the other worker alike.
 */
class GatheredBroadcastOrderTests extends TwoIpcWorkersTests {

	private static final int EVENTS = 600;

	private final List<JavaClient> closeAfter = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.closeAfter.forEach(JavaClient::close);
	}

	@Test
	void broadcastsKeepTheirPlaceAmongDirectEventsThroughTheUpgrade() {
		List<Integer> local = receive(this.w1);
		List<Integer> remote = receive(this.w2);
		await().atMost(SETTLED).until(() -> this.w1.server.getAllClients().size() == 1
				&& this.w2.server.getAllClients().size() == 1);
		SocketIOClient direct = this.w1.server.getAllClients().iterator().next();
		// the upgrade happens while events flow: both paths in turn, from one thread
		for (int i = 0; i < EVENTS; i++) {
			if (i % 3 == 0) {
				direct.sendEvent("seq", i);
			}
			else {
				this.w1.server.getBroadcastOperations().sendEvent("seq", i);
			}
		}
		List<Integer> all = new ArrayList<>();
		List<Integer> broadcasts = new ArrayList<>();
		for (int i = 0; i < EVENTS; i++) {
			all.add(i);
			if (i % 3 != 0) {
				broadcasts.add(i);
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> local.size() == all.size() && remote.size() == broadcasts.size());
		assertThat(local).containsExactlyElementsOf(all);
		assertThat(remote).containsExactlyElementsOf(broadcasts);
	}

	private List<Integer> receive(IpcWorkers.Worker worker) {
		List<Integer> received = new CopyOnWriteArrayList<>();
		JavaClient client = JavaClient.connect(worker.url("/"), ClientTransports.POLLING_THEN_UPGRADE);
		this.closeAfter.add(client);
		client.socket().on("seq", (args) -> received.add((Integer) args[0]));
		return received;
	}

}

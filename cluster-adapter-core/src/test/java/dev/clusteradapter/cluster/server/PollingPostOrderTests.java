package dev.clusteradapter.cluster.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long-polling client's events are handled one at a time, in the order it sent them, as
 * over WebSocket and as Node does: a client sends its next POST once the previous one is
 * answered, often over another connection, hence another event loop. netty-socketio
 * answered a POST before it handled the POST's packets, so the next POST raced it (a
 * binary event's attachment overtook its packet and the event was lost).
 */
class PollingPostOrderTests {

	@Test
	void aPollingClientsEventsAreHandledInOrderOneAtATime() {
		try (ProbeServer server = ProbeServer.start()) {
			List<String> handled = new CopyOnWriteArrayList<>();
			CountDownLatch secondHandled = new CountDownLatch(1);
			server.server().addEventListener("first", String.class, (client, data, ack) -> {
				handled.add("first begins");
				// the second event comes meanwhile if the first one's POST is answered too early
				secondHandled.await(1, TimeUnit.SECONDS);
				handled.add("first ends");
			});
			server.server().addEventListener("second", String.class, (client, data, ack) -> {
				handled.add("second");
				secondHandled.countDown();
				ack.sendAckData("done");
			});
			try (JavaClient client = JavaClient.connect(server.url(), ClientTransports.POLLING)) {
				client.socket().emit("first", "a");
				assertThat(client.emitWithAck("second", "b")).isEqualTo("done");
				assertThat(handled).containsExactly("first begins", "first ends", "second");
			}
		}
	}

}

package dev.clusteradapter.cluster.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * netty-socketio's "everyone but the sender", {@code sendEvent(name, excludedClient, data)}
 * from a listener, across two workers over the real IPC: the clients of both workers get
 * the event, the sender does not.
 */
class BroadcastExclusionTests extends TwoIpcWorkersTests {

	@Test
	void everyoneButTheSenderOnEveryWorker() {
		this.w1.server.addEventListener("shout", String.class, (client, text, ack) -> {
			this.w1.server.getBroadcastOperations().sendEvent("heard", client, text);
			// a plain broadcast after it: once the sender has this one, it would have had the first
			this.w1.server.getBroadcastOperations().sendEvent("done", text);
		});
		try (JavaClient sender = JavaClient.connect(this.w1.url("/"), ClientTransports.WEBSOCKET);
				JavaClient neighbour = JavaClient.connect(this.w1.url("/"), ClientTransports.POLLING);
				JavaClient remote = JavaClient.connect(this.w2.url("/"), ClientTransports.WEBSOCKET)) {
			List<String> senderGot = record(sender);
			List<String> neighbourGot = record(neighbour);
			List<String> remoteGot = record(remote);
			sender.socket().emit("shout", "hello");
			await().atMost(SETTLED).until(() -> senderGot.contains("done hello") && neighbourGot.contains("done hello")
					&& remoteGot.contains("done hello"));
			assertThat(senderGot).containsExactly("done hello");
			assertThat(neighbourGot).containsExactly("heard hello", "done hello");
			assertThat(remoteGot).containsExactly("heard hello", "done hello");
		}
	}

	private static List<String> record(JavaClient client) {
		List<String> got = new CopyOnWriteArrayList<>();
		for (String event : List.of("heard", "done")) {
			client.socket().on(event, (args) -> got.add(event + " " + args[0]));
		}
		return got;
	}

}

package dev.clusteradapter.cluster.server;

import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.server.AskedClient.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ClusteredSocketIONamespace}: a namespace's broadcasts with acks, from
 * {@code server.getNamespace(..)}, across two workers over the real IPC.
 */
class ClusteredSocketIONamespaceTests extends TwoIpcWorkersTests {

	@Test
	void namespaceOperationsAskOnlyThatNamespaceOnEveryWorker() {
		AskedClient x = client(this.w1, "/chat", Answer.AT_ONCE);
		AskedClient y = client(this.w2, "/chat", Answer.AT_ONCE);
		AskedClient z = client(this.w2, "/chat", Answer.AT_ONCE);
		AskedClient outside = client(this.w2, "/", Answer.AT_ONCE);
		y.emitAndWait("join", "team");
		this.cluster.awaitRoomMembers(this.w1, "/chat", "team", 1);
		RecordingAckCallback<String> all = new RecordingAckCallback<>(String.class, 5);
		this.w1.server.getNamespace("/chat").getBroadcastOperations().sendEvent("ask", "chat", all);
		await().atMost(SETTLED).until(() -> all.allSuccess.get() == 1);
		assertThat(all.answers).containsOnlyKeys(x.id(), y.id(), z.id());
		assertThat(all.answeredBy.get(y.id()).getNamespace().getName()).isEqualTo("/chat");
		RecordingAckCallback<String> room = new RecordingAckCallback<>(String.class, 5);
		this.w1.server.getNamespace("/chat").getRoomOperations("team").sendEvent("ask", "chat team", room);
		await().atMost(SETTLED).until(() -> room.allSuccess.get() == 1);
		assertThat(room.answers).containsOnlyKeys(y.id());
		AskedClient.assertNotAsked(this.w1.server, outside);
	}

	@Test
	void listenersAddedThroughTheViewServeTheNamespace() {
		AskedClient x = client(this.w2, "/chat", Answer.AT_ONCE);
		x.emitAndWait("join", "listened");
		assertThat(this.w2.server.getNamespace("/chat").getClient(x.id()).getAllRooms()).contains("listened");
		assertThat(this.w2.server.getNamespace("/chat").getAllClients()).hasSize(1);
	}

}

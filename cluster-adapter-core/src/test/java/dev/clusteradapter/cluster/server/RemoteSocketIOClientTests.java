package dev.clusteradapter.cluster.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.SocketIOClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.server.AskedClient.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RemoteSocketIOClient}: the view of another worker's client that a broadcast
 * callback is given, across two workers over the real IPC.
 */
class RemoteSocketIOClientTests {

	private static final Duration SETTLED = Duration.ofSeconds(10);

	private IpcWorkers cluster;

	private IpcWorkers.Worker w1;

	private IpcWorkers.Worker w2;

	private final List<AskedClient> clients = new ArrayList<>();

	private AskedClient remote;

	private SocketIOClient view;

	@BeforeEach
	void answerOnce() {
		this.cluster = new IpcWorkers(Duration.ofSeconds(5));
		this.w1 = this.cluster.start();
		this.w2 = this.cluster.start();
		this.remote = AskedClient.connect(this.w2.url("/"), Answer.AT_ONCE);
		this.clients.add(this.remote);
		RecordingAckCallback<String> callback = new RecordingAckCallback<>(String.class, 5);
		this.w1.server.getBroadcastOperations().sendEvent("ask", "first", callback);
		await().atMost(SETTLED).until(() -> callback.allSuccess.get() == 1);
		this.view = callback.answeredBy.get(this.remote.id());
	}

	@AfterEach
	void stopWorkers() {
		this.clients.forEach(AskedClient::close);
		this.cluster.close();
	}

	@Test
	void isTheRemoteClientInItsNamespace() {
		assertThat(this.view).isInstanceOf(RemoteSocketIOClient.class);
		assertThat(this.view.getSessionId()).isEqualTo(this.remote.id());
		assertThat(this.view.getNamespace().getName()).isEmpty();
		assertThat(this.view.getAllRooms()).contains("").doesNotContain(this.remote.id().toString());
	}

	@Test
	void eventsReachItThroughTheCluster() {
		this.view.sendEvent("fence", "to you");
		await().atMost(SETTLED).until(() -> !this.remote.fences.isEmpty());
		assertThat(this.remote.fences).containsExactly(List.of("to you"));
	}

	@Test
	void eventsWithAnAckGetItsAnswer() throws Exception {
		CompletableFuture<String> answer = new CompletableFuture<>();
		this.view.sendEvent("ask", new AckCallback<>(String.class, 5) {

			@Override
			public void onSuccess(String result) {
				answer.complete(result);
			}

			@Override
			public void onTimeout() {
				answer.completeExceptionally(new IllegalStateException("timed out"));
			}

		}, "second");
		assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(this.remote.id().toString());
		assertThat(this.remote.asked).containsExactly(List.of("first"), List.of("second"));
	}

	@Test
	void joiningARoomIsAppliedOnItsWorkerAndSeenEverywhere() {
		this.view.joinRoom("late");
		await().atMost(SETTLED).until(() -> this.w1.nettyNamespace("").getRoomClientsInCluster("late") == 1);
		assertThat(this.w2.server.getClient(this.remote.id()).getAllRooms()).contains("late");
	}

	@Test
	void whatOnlyItsWorkerHoldsIsUnsupportedWithAReason() {
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(this.view::getHandshakeData)
			.withMessageContaining("fetchSockets");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> this.view.set("k", "v"))
			.withMessageContaining("another worker");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(this.view::getTransport)
			.withMessageContaining(this.remote.id().toString());
	}

}

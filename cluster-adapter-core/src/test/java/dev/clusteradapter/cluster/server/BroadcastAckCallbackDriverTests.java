package dev.clusteradapter.cluster.server;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.corundumstudio.socketio.SocketIOClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link BroadcastAckCallbackDriver}.
 */
class BroadcastAckCallbackDriverTests {

	private static final Duration REQUESTS_TIMEOUT = Duration.ofSeconds(7);

	@Test
	void allSuccessWaitsForEveryPartAndComesOnce() {
		RecordingAckCallback<String> callback = new RecordingAckCallback<>(String.class, 5);
		BroadcastAckCallbackDriver relay = relay(callback, 2);
		relay.answered(client(), "a");
		relay.settled(true);
		assertThat(callback.allSuccess).hasValue(0);
		relay.settled(true);
		assertThat(callback.allSuccess).hasValue(1);
		assertThat(callback.answersAtAllSuccess).isEqualTo(1);
	}

	@Test
	void onePartWithAMissingClientMeansNoAllSuccess() {
		RecordingAckCallback<String> callback = new RecordingAckCallback<>(String.class, 5);
		BroadcastAckCallbackDriver relay = relay(callback, 2);
		SocketIOClient silent = client();
		relay.missed(silent);
		relay.settled(false);
		relay.settled(true);
		assertThat(callback.timedOut).containsExactly(silent.getSessionId());
		assertThat(callback.allSuccess).hasValue(0);
	}

	@Test
	void answersBecomeTheCallbacksResultClass() {
		RecordingAckCallback<Vote> callback = new RecordingAckCallback<>(Vote.class, 5);
		BroadcastAckCallbackDriver relay = relay(callback, 1);
		SocketIOClient client = client();
		relay.answered(client, Map.of("choice", "yes", "weight", 2, "unknown", true));
		assertThat(callback.answers).containsEntry(client.getSessionId(), new Vote("yes", 2));
	}

	@Test
	void anAnswerThatIsNotOfTheResultClassCountsAsMissing() {
		RecordingAckCallback<Vote> callback = new RecordingAckCallback<>(Vote.class, 5);
		BroadcastAckCallbackDriver relay = relay(callback, 1);
		SocketIOClient client = client();
		relay.answered(client, "not a vote");
		relay.settled(true);
		assertThat(callback.timedOut).containsExactly(client.getSessionId());
		assertThat(callback.answers).isEmpty();
		assertThat(callback.allSuccess).hasValue(0);
	}

	@Test
	void timeoutIsTheCallbacksElseTheRequestsTimeout() {
		assertThat(BroadcastAckCallbackDriver.timeout(new RecordingAckCallback<>(String.class, 3), REQUESTS_TIMEOUT))
			.isEqualTo(Duration.ofSeconds(3));
		assertThat(BroadcastAckCallbackDriver.timeout(new RecordingAckCallback<>(String.class, -1), REQUESTS_TIMEOUT))
			.isEqualTo(REQUESTS_TIMEOUT);
	}

	private static BroadcastAckCallbackDriver relay(RecordingAckCallback<?> callback, int parts) {
		return new BroadcastAckCallbackDriver(callback, parts, (nsp) -> null, REQUESTS_TIMEOUT);
	}

	private static SocketIOClient client() {
		SocketIOClient client = mock(SocketIOClient.class);
		given(client.getSessionId()).willReturn(UUID.randomUUID());
		return client;
	}

	record Vote(String choice, int weight) {
	}

}

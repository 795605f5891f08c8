package dev.clusteradapter.cluster.socketio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.corundumstudio.socketio.BroadcastAckCallback;
import com.corundumstudio.socketio.SocketIOClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BroadcastAckCallbacks}: a user's callback is told what netty-socketio
 * itself would tell it, through its package-private members.
 */
class BroadcastAckCallbacksTests {

	@Test
	void resultClassAndTimeoutAreTheCallbacksOwn() {
		assertThat(BroadcastAckCallbacks.resultClass(new BroadcastAckCallback<>(Integer.class, 7))).isEqualTo(Integer.class);
		assertThat(BroadcastAckCallbacks.timeoutSeconds(new BroadcastAckCallback<>(Integer.class, 7))).isEqualTo(7);
		assertThat(BroadcastAckCallbacks.timeoutSeconds(new BroadcastAckCallback<>(Integer.class))).isLessThan(1);
	}

	@Test
	void everyNotificationReachesTheCallbackAndAllSuccessOnlyOnce() {
		Recording callback = new Recording();
		BroadcastAckCallbacks.clientAnswered(callback, null, "yes");
		BroadcastAckCallbacks.clientTimedOut(callback, null);
		BroadcastAckCallbacks.allAnswered(callback);
		BroadcastAckCallbacks.allAnswered(callback);
		assertThat(callback.heard).containsExactly("success yes", "timeout", "all");
	}

	private static final class Recording extends BroadcastAckCallback<String> {

		final List<String> heard = new CopyOnWriteArrayList<>();

		Recording() {
			super(String.class, 1);
		}

		@Override
		protected void onClientSuccess(SocketIOClient client, String result) {
			this.heard.add("success " + result);
		}

		@Override
		protected void onClientTimeout(SocketIOClient client) {
			this.heard.add("timeout");
		}

		@Override
		protected void onAllSuccess() {
			this.heard.add("all");
		}

	}

}

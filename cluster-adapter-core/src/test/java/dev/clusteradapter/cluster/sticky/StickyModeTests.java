package dev.clusteradapter.cluster.sticky;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link StickyMode}: what the start-up log says was chosen, and why.
 */
class StickyModeTests {

	@Test
	void autoSaysWhatItChoseOnThisMachineAndWhy() {
		if (Epoll.isAvailable()) {
			assertThat(StickyMode.AUTO.describe()).isEqualTo("handover (auto: native epoll is available)");
		}
		else {
			assertThat(StickyMode.AUTO.describe()).startsWith("relay (auto: native epoll is unavailable: ");
		}
	}

	@Test
	void configuredModeSaysSo() {
		assertThat(StickyMode.RELAY.describe()).isEqualTo("relay (configured)");
		if (Epoll.isAvailable()) {
			assertThat(StickyMode.HANDOVER.describe()).isEqualTo("handover (configured)");
		}
		else {
			assertThatIllegalStateException().isThrownBy(StickyMode.HANDOVER::describe)
				.withMessageContaining("native epoll");
		}
	}

}

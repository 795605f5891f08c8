package dev.clusteradapter.cluster;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NativeEpoll}.
 */
class NativeEpollTests {

	@Test
	void availabilityNamesTheCauseWhenUnavailable() {
		if (Epoll.isAvailable()) {
			assertThat(NativeEpoll.availability()).isEqualTo("native epoll is available");
		}
		else {
			assertThat(NativeEpoll.availability()).startsWith("native epoll is unavailable: ")
				.contains(Epoll.unavailabilityCause().getClass().getName());
		}
	}

	@Test
	void reasonIsOneShortLine() {
		assertThat(NativeEpoll.firstLine("java.lang.UnsatisfiedLinkError: no lib\n\tat somewhere")).isEqualTo(
				"java.lang.UnsatisfiedLinkError: no lib");
		assertThat(NativeEpoll.firstLine("x".repeat(500))).hasSize(161).endsWith("…");
	}

}

package dev.clusteradapter.cluster.ipc;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpcTransport}: what the start-up log says was chosen, and why.
 */
class IpcTransportTests {

	@Test
	void autoSaysWhatItChoseOnThisMachineAndWhy() {
		if (Epoll.isAvailable()) {
			assertThat(IpcTransport.AUTO.resolve()).isEqualTo(IpcTransport.UNIX);
			assertThat(IpcTransport.AUTO.describe())
				.isEqualTo("Unix domain socket via native epoll (auto: native epoll is available)");
		}
		else {
			assertThat(IpcTransport.AUTO.resolve()).isEqualTo(IpcTransport.TCP);
			assertThat(IpcTransport.AUTO.describe()).startsWith("loopback TCP (auto: native epoll is unavailable: ");
		}
	}

	@Test
	void configuredTransportSaysSo() {
		assertThat(IpcTransport.TCP.describe()).isEqualTo("loopback TCP (configured)");
		assertThat(IpcTransport.UNIX.describe()).isEqualTo("Unix domain socket via native epoll (configured)");
	}

}

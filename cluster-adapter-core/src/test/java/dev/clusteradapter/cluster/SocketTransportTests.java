package dev.clusteradapter.cluster;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SocketTransport}: what auto chooses given what the machine offers, that a
 * transport set explicitly and unavailable fails clearly, and what the start-up log says.
 */
class SocketTransportTests {

	@Test
	void autoChoosesEpollThenNioButNeverIoUring() {
		assertThat(SocketTransport.AUTO.resolve(true, true)).isEqualTo(SocketTransport.EPOLL);
		assertThat(SocketTransport.AUTO.resolve(false, true)).isEqualTo(SocketTransport.EPOLL);
		assertThat(SocketTransport.AUTO.resolve(true, false)).isEqualTo(SocketTransport.NIO);
		assertThat(SocketTransport.AUTO.resolve(false, false)).isEqualTo(SocketTransport.NIO);
	}

	@Test
	void setTransportIsKeptWhereAvailable() {
		assertThat(SocketTransport.IO_URING.resolve(true, true)).isEqualTo(SocketTransport.IO_URING);
		assertThat(SocketTransport.EPOLL.resolve(true, true)).isEqualTo(SocketTransport.EPOLL);
		assertThat(SocketTransport.NIO.resolve(true, true)).isEqualTo(SocketTransport.NIO);
		assertThat(SocketTransport.NIO.resolve(false, false)).isEqualTo(SocketTransport.NIO);
	}

	@Test
	void setTransportThatIsUnavailableFailsNamingIt() {
		assertThatIllegalStateException().isThrownBy(() -> SocketTransport.IO_URING.resolve(false, true))
			.withMessageStartingWith("Socket transport io_uring is unavailable: ");
		assertThatIllegalStateException().isThrownBy(() -> SocketTransport.EPOLL.resolve(true, false))
			.withMessageStartingWith("Socket transport epoll is unavailable: ");
	}

	@Test
	void autoSaysWhatItChoseOnThisMachineAndWhy() {
		if (Epoll.isAvailable()) {
			assertThat(SocketTransport.AUTO.describe()).isEqualTo("epoll (auto: native epoll is available)");
		}
		else {
			assertThat(SocketTransport.AUTO.describe()).startsWith("nio (auto: native epoll is unavailable: ");
		}
	}

	@Test
	void setTransportSaysSo() {
		assertThat(SocketTransport.NIO.describe()).isEqualTo("nio (configured)");
		if (Epoll.isAvailable()) {
			assertThat(SocketTransport.EPOLL.describe()).isEqualTo("epoll (configured)");
		}
		if (IoUring.isAvailable()) {
			assertThat(SocketTransport.IO_URING.describe()).isEqualTo("io_uring (configured)");
		}
		else {
			assertThatIllegalStateException().isThrownBy(SocketTransport.IO_URING::describe)
				.withMessageStartingWith("Socket transport io_uring is unavailable: ");
		}
	}

}

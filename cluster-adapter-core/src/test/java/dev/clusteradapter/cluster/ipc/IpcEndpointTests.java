package dev.clusteradapter.cluster.ipc;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link IpcEndpoint}.
 */
class IpcEndpointTests {

	@Test
	void unixEndpointRoundTripsThroughItsStringForm() {
		IpcEndpoint endpoint = IpcEndpoint.unix(Path.of("/tmp/socketio-ipc-1/ipc.sock"));
		assertThat(endpoint).hasToString("unix:/tmp/socketio-ipc-1/ipc.sock");
		assertThat(IpcEndpoint.parse(endpoint.toString())).isEqualTo(endpoint);
		assertThat(endpoint.socketAddress()).isInstanceOfSatisfying(DomainSocketAddress.class,
				(address) -> assertThat(address.path()).isEqualTo("/tmp/socketio-ipc-1/ipc.sock"));
	}

	@Test
	void tcpEndpointRoundTripsThroughItsStringForm() {
		IpcEndpoint endpoint = IpcEndpoint.tcp("127.0.0.1", 4567);
		assertThat(endpoint).hasToString("tcp:127.0.0.1:4567");
		assertThat(IpcEndpoint.parse("tcp:127.0.0.1:4567")).isEqualTo(endpoint);
		assertThat(endpoint.socketAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 4567));
	}

	@Test
	void ipv6HostIsBracketed() {
		IpcEndpoint endpoint = IpcEndpoint.tcp("::1", 80);
		assertThat(endpoint).hasToString("tcp:[::1]:80");
		assertThat(IpcEndpoint.parse(endpoint.toString()).socketAddress()).isEqualTo(new InetSocketAddress("::1", 80));
	}

	@Test
	void malformedValuesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> IpcEndpoint.parse("http://x"));
		assertThatIllegalArgumentException().isThrownBy(() -> IpcEndpoint.parse("tcp:localhost"));
		assertThatIllegalArgumentException().isThrownBy(() -> IpcEndpoint.parse("tcp:localhost:http"));
		assertThatIllegalArgumentException().isThrownBy(() -> IpcEndpoint.parse("unix:"));
		assertThatIllegalArgumentException().isThrownBy(() -> new IpcEndpoint(IpcTransport.AUTO, "x"));
	}

}

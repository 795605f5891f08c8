package dev.clusteradapter.cluster.ipc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.clusteradapter.cluster.ipc.IpcMetrics.Rejection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link HubAuthHandler}'s peer uid check on Unix sockets; the rest of the
 * handshake is covered end to end by {@link IpcHubTests}.
 */
class HubAuthHandlerTests {

	private final IpcSecret secret = IpcSecret.generate();

	private final CountingIpcMetrics metrics = new CountingIpcMetrics();

	private final HubRouter router = new HubRouter(new BusListeners(), this.metrics);

	private EventLoopGroup group;

	private IpcClient client;

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.close();
		}
		if (this.group != null) {
			this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
		}
	}

	@Test
	void peerOfAnotherUserIsRejectedBeforeTheChallenge(@TempDir Path directory) throws Exception {
		int ownUid = (Integer) Files.getAttribute(directory, "unix:uid");
		IpcEndpoint endpoint = serve(directory, ownUid + 1);
		this.client = new IpcClient(endpoint, IpcOptions.builder(this.secret).build());
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.client.connect().get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(IpcAuthenticationException.class)
			.withMessageContaining("another user");
		assertThat(this.metrics.rejected(Rejection.UID_MISMATCH)).isEqualTo(1);
		assertThat(this.router.liveIds()).isEmpty();
	}

	@Test
	void peerOfTheSameUserIsAdmitted(@TempDir Path directory) throws Exception {
		int ownUid = (Integer) Files.getAttribute(directory, "unix:uid");
		IpcEndpoint endpoint = serve(directory, ownUid);
		this.client = new IpcClient(endpoint, IpcOptions.builder(this.secret).build());
		assertThat(this.client.connect()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(1);
		assertThat(this.router.liveIds()).containsExactly(1);
	}

	private IpcEndpoint serve(Path directory, int expectedUid) throws InterruptedException {
		assumeTrue(Epoll.isAvailable());
		this.group = IpcSockets.newGroup(IpcTransport.UNIX, 1, "auth-test");
		Path socket = directory.resolve("auth.sock");
		new ServerBootstrap().group(this.group)
			.channel(IpcSockets.serverChannel(IpcTransport.UNIX))
			.childHandler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline()
						.addLast(new IpcFrameCodec(IpcOptions.DEFAULT_MAX_FRAME_SIZE, HubAuthHandlerTests.this.metrics))
						.addLast(new HubAuthHandler(HubAuthHandlerTests.this.router,
								HubAuthHandlerTests.this.secret.bytes(), 5000, expectedUid,
								HubAuthHandlerTests.this.metrics));
				}
			})
			.bind(new DomainSocketAddress(socket.toString()))
			.sync();
		return IpcEndpoint.unix(socket);
	}

}

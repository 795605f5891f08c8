package dev.clusteradapter.cluster.ipc;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.clusteradapter.cluster.ClusterBus;
import dev.clusteradapter.cluster.SocketTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link IpcClient}: its link's lifecycle, and that it trusts only a hub that
 * proves the secret.
 */
class IpcClientTests {

	private final IpcSecret secret = IpcSecret.generate();

	private IpcHub hub;

	private IpcClient client;

	private EventLoopGroup fakeHubGroup;

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.close();
		}
		if (this.hub != null) {
			this.hub.stop();
		}
		if (this.fakeHubGroup != null) {
			this.fakeHubGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
		}
	}

	private IpcOptions options() {
		return IpcOptions.builder(this.secret)
			.heartbeatInterval(Duration.ofMillis(100))
			.heartbeatTimeout(Duration.ofMillis(400))
			.build();
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void connectCompletesWithTheAssignedIdAndCloseFutureWhenTheHubStops(IpcTransport transport) throws Exception {
		this.hub = new IpcHub(IpcOptions.builder(this.secret).transport(transport).build());
		IpcEndpoint endpoint = this.hub.start();
		this.client = new IpcClient(IpcEndpoint.parse(endpoint.toString()), options(), 7, IpcMetrics.NONE);
		assertThat(this.client.connect().get(5, TimeUnit.SECONDS)).isEqualTo(7);
		assertThat(this.client.nodeId()).isEqualTo(7);
		assertThat(this.client.isConnected()).isTrue();
		assertThat(this.client.closeFuture()).isNotDone();
		this.hub.stop();
		assertThat(this.client.closeFuture()).succeedsWithin(Duration.ofSeconds(1));
		assertThat(this.client.isConnected()).isFalse();
	}

	@Test
	void workerProcessExitsOnItsOwnWhenThePrimaryStops() throws Exception {
		this.hub = new IpcHub(IpcOptions.builder(this.secret).build());
		Process process = WorkerProcess.start(this.hub.start(), this.secret);
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> this.hub.links().size() == 1);
			this.hub.stop();
			assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isEqualTo(3);
		}
		finally {
			process.destroyForcibly();
		}
	}

	@ParameterizedTest
	@MethodSource("dev.clusteradapter.cluster.ipc.IpcTestSupport#transports")
	void aLinkOnALentLoopReadsThereAndGivesTheLoopBackOnceLeavingItRunning(IpcTransport transport) throws Exception {
		this.hub = new IpcHub(IpcOptions.builder(this.secret).transport(transport).build());
		IpcEndpoint endpoint = this.hub.start();
		SocketTransport loops = (transport == IpcTransport.UNIX) ? SocketTransport.EPOLL : SocketTransport.NIO;
		EventLoopGroup lender = new MultiThreadIoEventLoopGroup(1, loops.ioHandlerFactory());
		AtomicInteger returned = new AtomicInteger();
		try (IpcClient sender = new IpcClient(endpoint, options())) {
			this.client = new IpcClient(endpoint, options());
			assertThat(this.client.canRunOn(loops)).isTrue();
			assertThat(this.client.canRunOn((loops == SocketTransport.EPOLL) ? SocketTransport.NIO : SocketTransport.EPOLL))
				.isFalse();
			this.client.runOn(lender::next, returned::incrementAndGet);
			List<String> heardOn = new CopyOnWriteArrayList<>();
			this.client.addListener((source, type, payload) -> heardOn
				.add(Thread.currentThread().getName() + " " + this.client.readsOnCurrentThread()));
			this.client.connect().get(5, TimeUnit.SECONDS);
			sender.connect().get(5, TimeUnit.SECONDS);
			await().until(() -> this.client.peers().size() == 1);
			sender.publish(ClusterBus.FIRST_APPLICATION_TYPE, "hello".getBytes());
			Thread loopThread = lender.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
			await().until(() -> heardOn.size() == 1);
			assertThat(heardOn).containsExactly(loopThread.getName() + " true");
			assertThat(this.client.readsOnCurrentThread()).isFalse();
			this.client.close();
			assertThat(this.client.closeFuture()).succeedsWithin(Duration.ofSeconds(1));
			// the link's end gave it back too: once in all
			await().during(Duration.ofMillis(200)).until(() -> returned.get() == 1);
			assertThat(lender.isShuttingDown()).as("the lender's to shut down").isFalse();
		}
		finally {
			lender.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
		}
	}

	@Test
	void closeCompletesCloseFuture() throws Exception {
		this.hub = new IpcHub(IpcOptions.builder(this.secret).transport(IpcTransport.TCP).build());
		this.client = new IpcClient(this.hub.start(), options());
		this.client.connect().get(5, TimeUnit.SECONDS);
		this.client.close();
		assertThat(this.client.closeFuture()).succeedsWithin(Duration.ofSeconds(1));
		await().until(() -> this.hub.links().isEmpty());
	}

	@Test
	void connectFailsAndCloseFutureCompletesWhenNobodyListens() throws Exception {
		this.hub = new IpcHub(IpcOptions.builder(this.secret).transport(IpcTransport.TCP).build());
		IpcEndpoint endpoint = this.hub.start();
		this.hub.stop();
		this.client = new IpcClient(endpoint, options());
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.client.connect().get(5, TimeUnit.SECONDS));
		assertThat(this.client.closeFuture()).succeedsWithin(Duration.ofSeconds(5));
	}

	@Test
	void hubThatCannotProveTheSecretIsRefused() throws Exception {
		this.client = new IpcClient(fakeHub(false), options());
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.client.connect().get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(IpcAuthenticationException.class)
			.withMessageContaining("prove");
		assertThat(this.client.closeFuture()).succeedsWithin(Duration.ofSeconds(5));
	}

	@Test
	void hubThatGoesSilentIsDroppedAfterTheHeartbeatTimeout() throws Exception {
		this.client = new IpcClient(fakeHub(true), options());
		assertThat(this.client.connect().get(5, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(this.client.closeFuture()).succeedsWithin(Duration.ofSeconds(5));
	}

	@Test
	void linkToAHubThatStopsReadingIsClosedOnceTheQueueLimitIsReached() throws Exception {
		CountingIpcMetrics metrics = new CountingIpcMetrics();
		this.client = new IpcClient(fakeHub(true), IpcOptions.builder(this.secret)
			.maxFrameSize(64 * 1024)
			.outboundQueueLimit(256 * 1024)
			.heartbeatTimeout(Duration.ofSeconds(30))
			.build(), 0, metrics);
		this.client.connect().get(5, TimeUnit.SECONDS);
		byte[] payload = new byte[8 * 1024];
		for (int i = 0; i < 10_000 && !this.client.closeFuture().isDone(); i++) {
			this.client.publish(ClusterBus.FIRST_APPLICATION_TYPE, payload);
		}
		assertThat(this.client.closeFuture()).succeedsWithin(Duration.ofSeconds(5));
		assertThat(metrics.backPressureClosed).hasValue(1);
	}

	@Test
	void busRejectsTransportTypesAndOversizedPayloads() {
		this.client = new IpcClient(IpcEndpoint.tcp("127.0.0.1", 1), IpcOptions.builder(this.secret)
			.maxFrameSize(4096)
			.build());
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.client.publish(FrameType.HEARTBEAT, new byte[0]));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.client.send(ClusterBus.PRIMARY, 0x10000, new byte[0]));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.client.send(ClusterBus.PRIMARY, ClusterBus.FIRST_APPLICATION_TYPE,
					new byte[4096 - IpcFrameCodec.HEADER_LENGTH + 1]));
		assertThat(this.client.nodeId()).isEqualTo(-1);
	}

	/**
	 * A hub that challenges properly and then, if {@code honest}, proves the secret and
	 * never says or reads another word; otherwise it sends a forged proof.
	 */
	private IpcEndpoint fakeHub(boolean honest) throws InterruptedException {
		this.fakeHubGroup = IpcSockets.newGroup(IpcTransport.TCP, 1, "fake-hub");
		byte[] hubNonce = Handshake.nonce();
		Channel server = new ServerBootstrap().group(this.fakeHubGroup)
			.channel(IpcSockets.serverChannel(IpcTransport.TCP))
			.childHandler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline()
						.addLast(new IpcFrameCodec(64 * 1024, IpcMetrics.NONE))
						.addLast(new SimpleChannelInboundHandler<IpcFrame>() {
							@Override
							public void channelActive(ChannelHandlerContext ctx) {
								ctx.writeAndFlush(new IpcFrame(FrameType.AUTH_CHALLENGE, 0, 0,
										Unpooled.wrappedBuffer(hubNonce)));
							}

							@Override
							protected void channelRead0(ChannelHandlerContext ctx, IpcFrame frame) {
								if (frame.type() != FrameType.AUTH_RESPONSE) {
									return;
								}
								byte[] workerNonce = new byte[Handshake.NONCE_LENGTH];
								frame.content().readBytes(workerNonce);
								byte[] proof = honest
										? Handshake.primaryProof(IpcClientTests.this.secret.bytes(), workerNonce,
												hubNonce, 1)
										: Handshake.nonce();
								ByteBuf ok = Unpooled.buffer().writeInt(1).writeBytes(proof);
								ctx.writeAndFlush(new IpcFrame(FrameType.AUTH_OK, 0, 1, ok));
								ctx.channel().config().setAutoRead(false);
							}
						});
				}
			})
			.bind("127.0.0.1", 0)
			.sync()
			.channel();
		return IpcEndpoint.tcp("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort());
	}

}

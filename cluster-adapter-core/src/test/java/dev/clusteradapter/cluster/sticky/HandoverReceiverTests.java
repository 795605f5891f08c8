package dev.clusteradapter.cluster.sticky;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link HandoverReceiver}, with {@link HandoverSender} handing over real TCP
 * connections to an echo adopter.
 */
class HandoverReceiverTests {

	@TempDir
	Path dir;

	private EventLoopGroup group;

	private HandoverReceiver receiver;

	private final AtomicInteger adopted = new AtomicInteger();

	@BeforeEach
	void startReceiver() throws Exception {
		this.group = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
		this.receiver = new HandoverReceiver(this.dir.resolve("handover.sock"), this.group, (fd, alreadyRead) -> {
			this.adopted.incrementAndGet();
			Channel channel = new EpollSocketChannel(fd);
			channel.pipeline().addLast(new AlreadyReadReplay(alreadyRead), new Echo());
			this.group.register(channel);
		});
		this.receiver.start();
	}

	@AfterEach
	void stop() {
		this.receiver.close();
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Test
	void socketFileIsPrivateToItsUser() throws Exception {
		assertThat(Files.getPosixFilePermissions(this.receiver.socket()))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
	}

	@Test
	void handedOverConnectionIsServedByTheAdopterWithTheBytesAlreadyRead() throws Exception {
		RecordingMetrics metrics = new RecordingMetrics();
		CompletableFuture<Channel> primarySide = new CompletableFuture<>();
		HandoverSender sender = new HandoverSender();
		RouterContext context = new RouterContext(null, null, metrics, StickyMode.HANDOVER, Duration.ofSeconds(1),
				null, new RequestRelay(), sender);
		WorkerEndpoint worker = new WorkerEndpoint(1, null, this.receiver.socket(), 0);
		Channel primary = new ServerBootstrap().group(this.group)
			.channel(EpollServerSocketChannel.class)
			.childOption(ChannelOption.AUTO_READ, true)
			.childHandler(new ChannelInboundHandlerAdapter() {

				@Override
				public void channelRead(ChannelHandlerContext ctx, Object msg) {
					ctx.channel().config().setAutoRead(false);
					primarySide.complete(ctx.channel());
					sender.handOver(ctx.channel(), worker, (ByteBuf) msg, context);
				}

			})
			.bind("127.0.0.1", 0)
			.sync()
			.channel();
		try (Socket client = new Socket("127.0.0.1", ((InetSocketAddress) primary.localAddress()).getPort())) {
			client.setSoTimeout(5000);
			client.getOutputStream().write("first".getBytes(StandardCharsets.US_ASCII));
			assertThat(read(client.getInputStream(), 5)).isEqualTo("first");
			await().until(() -> !primarySide.get().isOpen());
			client.getOutputStream().write("second".getBytes(StandardCharsets.US_ASCII));
			assertThat(read(client.getInputStream(), 6)).isEqualTo("second");
		}
		finally {
			primary.close().sync();
			sender.close();
		}
		assertThat(this.adopted).hasValue(1);
		assertThat(metrics.count(RoutingOutcome.HANDED_OVER)).isEqualTo(1);
	}

	@Test
	void peerOfAnotherUserIsRefused() throws Exception {
		assumeThat(Files.getAttribute(this.receiver.socket(), "unix:uid")).isEqualTo(0);
		assumeThat(Path.of("/usr/bin/setpriv")).exists();
		// Open the way for "nobody", so only the receiver's own check stands between.
		Files.setPosixFilePermissions(this.dir, PosixFilePermissions.fromString("rwxrwxrwx"));
		Files.setPosixFilePermissions(this.receiver.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
		// the receiver may close before the second send: a broken pipe is the refusal seen early
		String script = "import socket,sys\n" + "s=socket.socket(socket.AF_UNIX)\n" + "s.connect(sys.argv[1])\n"
				+ "r,w=__import__('os').pipe()\n" + "s.settimeout(5)\n" + "try:\n socket.send_fds(s,[b'x'],[0])\n"
				+ " socket.send_fds(s,[b'x'],[r])\n" + " print('closed' if s.recv(1)==b'' else 'open')\n"
				+ "except (ConnectionResetError, BrokenPipeError):\n print('closed')\n";
		Process process = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
				"/usr/bin/python3", "-c", script, this.receiver.socket().toString())
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("closed");
		assertThat(this.adopted).hasValue(0);
	}

	private static String read(InputStream in, int length) throws Exception {
		return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
	}

	private static final class Echo extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ctx.writeAndFlush(msg);
		}

	}

}

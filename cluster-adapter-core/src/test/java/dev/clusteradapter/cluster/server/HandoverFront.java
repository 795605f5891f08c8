package dev.clusteradapter.cluster.server;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * Plays the primary's part in a hand-over: accepts connections on its own epoll socket,
 * reads their first bytes, and hands each connection, as a bare file descriptor, with
 * those bytes to a {@link ClusteredSocketIOServer}.
 */
final class HandoverFront implements AutoCloseable {

	private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());

	private final AtomicInteger handedOver = new AtomicInteger();

	private final Channel listening;

	HandoverFront(ClusteredSocketIOServer server) {
		this.listening = new ServerBootstrap().group(this.group)
			.channel(EpollServerSocketChannel.class)
			.childHandler(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline().addLast(new FirstBytes(server));
				}

			})
			.bind("127.0.0.1", 0)
			.syncUninterruptibly()
			.channel();
	}

	int port() {
		return ((InetSocketAddress) this.listening.localAddress()).getPort();
	}

	String url() {
		return "http://127.0.0.1:" + port();
	}

	/** The listening channel, registered with the front's own event loop. */
	Channel listening() {
		return this.listening;
	}

	/** Connections handed over so far. */
	int handedOver() {
		return this.handedOver.get();
	}

	@Override
	public void close() {
		this.listening.close().syncUninterruptibly();
		this.group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
	}

	private final class FirstBytes extends ChannelInboundHandlerAdapter {

		private final ClusteredSocketIOServer server;

		FirstBytes(ClusteredSocketIOServer server) {
			this.server = server;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			Channel accepted = ctx.channel();
			// stop reading: the rest of the request belongs to the server
			accepted.config().setAutoRead(false);
			int fd = ((EpollSocketChannel) accepted).fd().intValue();
			accepted.deregister().addListener((future) -> {
				this.server.adopt(fd, (ByteBuf) msg);
				HandoverFront.this.handedOver.incrementAndGet();
			});
		}

	}

}

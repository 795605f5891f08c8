package dev.clusteradapter.benchmarks.floor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * The floor of the fan-out benchmark: the least a Netty server can do per delivery. It
 * speaks just enough Engine.IO v4 and Socket.IO over WebSocket for the load client (open
 * packet, namespace connect, the {@code whoami} ack that tells the benchmark it serves, and
 * {@code broadcast}), and delivers a broadcast as one frame encoded once, whose bytes every
 * connection writes as they are: one task per event loop, one write without a promise and
 * one flush per connection. No polling, no rooms, no pings, no acks from clients.
 * <pre>
 * sender:  42["broadcast",{...}]
 * floor:   encode [0x81, length, 42["broadcast",{...}]] once
 *          for each event loop: one task writing a duplicate of it to each of its channels
 * </pre>
 * A real server does more per delivery (a session, its queue, rooms, acks, volatile, the
 * outbound limit); what it spends above this is what it could still save.
 */
public final class FloorServer {

	private static final byte[] BROADCAST_PREFIX = "42[\"broadcast\",".getBytes(StandardCharsets.US_ASCII);

	private final EventLoopGroup group;

	private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	private final int port;

	private final boolean ioUring;

	private Channel server;

	/**
	 * A server on a loopback port, with as many event loops as Netty's default (twice the cores).
	 * @param port the port
	 */
	public FloorServer(int port) {
		this(port, false);
	}

	/**
	 * A server on a loopback port, with as many event loops as Netty's default (twice the cores).
	 * @param port the port
	 * @param ioUring whether to use Netty's io_uring transport rather than epoll
	 * @throws IllegalStateException when io_uring is asked for and the kernel does not allow it
	 */
	public FloorServer(int port, boolean ioUring) {
		this.port = port;
		if (ioUring && !IoUring.isAvailable()) {
			throw new IllegalStateException("io_uring is not available", IoUring.unavailabilityCause());
		}
		this.ioUring = ioUring;
		this.group = new MultiThreadIoEventLoopGroup(ioUring ? IoUringIoHandler.newFactory()
				: Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
	}

	/**
	 * Binds the port.
	 * @throws InterruptedException if interrupted while binding
	 */
	public void start() throws InterruptedException {
		Handler handler = new Handler();
		this.server = new ServerBootstrap().group(this.group)
			.channel(this.ioUring ? IoUringServerSocketChannel.class
					: Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
			.option(ChannelOption.SO_REUSEADDR, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
								new WebSocketServerProtocolHandler("/socket.io/", null, false, 1024 * 1024, false, true),
								handler);
				}
			})
			.bind("127.0.0.1", this.port)
			.sync()
			.channel();
	}

	/** Closes the port and every connection. */
	public void stop() {
		if (this.server != null) {
			this.server.close().syncUninterruptibly();
		}
		this.channels.close().syncUninterruptibly();
		this.group.shutdownGracefully().syncUninterruptibly();
	}

	/**
	 * One frame for every connection: encoded once here, written as it is by each event loop
	 * to its own connections.
	 */
	private void broadcast(ByteBuf packet) {
		ByteBuf frame = frame(packet);
		Map<EventLoop, List<Channel>> byLoop = new IdentityHashMap<>();
		for (Channel channel : this.channels) {
			byLoop.computeIfAbsent(channel.eventLoop(), (loop) -> new ArrayList<>()).add(channel);
		}
		for (Map.Entry<EventLoop, List<Channel>> entry : byLoop.entrySet()) {
			List<Channel> loopChannels = entry.getValue();
			frame.retain();
			entry.getKey().execute(() -> {
				try {
					for (Channel channel : loopChannels) {
						channel.writeAndFlush(frame.retainedDuplicate(), channel.voidPromise());
					}
				}
				finally {
					frame.release();
				}
			});
		}
		frame.release();
	}

	/** An unmasked, final text frame around the packet, as a server sends it (RFC 6455, 5.2). */
	static ByteBuf frame(ByteBuf packet) {
		int length = packet.readableBytes();
		int header = (length < 126) ? 2 : (length <= 0xFFFF) ? 4 : 10;
		ByteBuf frame = Unpooled.directBuffer(header + length);
		frame.writeByte(0x81);
		if (length < 126) {
			frame.writeByte(length);
		}
		else if (length <= 0xFFFF) {
			frame.writeByte(126).writeShort(length);
		}
		else {
			frame.writeByte(127).writeLong(length);
		}
		frame.writeBytes(packet, packet.readerIndex(), length);
		return frame;
	}

	/**
	 * Runs until the JVM is told to stop.
	 * @param port the port
	 * @param ioUring whether on io_uring rather than epoll
	 * @throws InterruptedException never in practice: the main thread waits forever
	 */
	public static void run(int port, boolean ioUring) throws InterruptedException {
		FloorServer floor = new FloorServer(port, ioUring);
		floor.start();
		Runtime.getRuntime().addShutdownHook(new Thread(floor::stop));
		System.out.println("floor server listening on " + port + (ioUring ? " (io_uring)" : ""));
		Thread.currentThread().join();
	}

	/** The Engine.IO and Socket.IO packets the load client sends. */
	@Sharable
	private final class Handler extends SimpleChannelInboundHandler<TextWebSocketFrame> {

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
			if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
				// no pings: the load client's sessions outlive any benchmark window
				ctx.writeAndFlush(new TextWebSocketFrame("0{\"sid\":\"" + UUID.randomUUID()
						+ "\",\"upgrades\":[],\"pingInterval\":3600000,\"pingTimeout\":3600000,\"maxPayload\":1000000}"));
			}
			super.userEventTriggered(ctx, event);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame message) {
			ByteBuf packet = message.content();
			String start = packet.toString(packet.readerIndex(), Math.min(packet.readableBytes(), 16),
					StandardCharsets.US_ASCII);
			if (start.equals("40")) {
				FloorServer.this.channels.add(ctx.channel());
				ctx.writeAndFlush(new TextWebSocketFrame("40{\"sid\":\"" + UUID.randomUUID() + "\"}"));
			}
			else if (ByteBufUtil.equals(packet, packet.readerIndex(), Unpooled.wrappedBuffer(BROADCAST_PREFIX), 0,
					Math.min(BROADCAST_PREFIX.length, packet.readableBytes()))
					&& packet.readableBytes() > BROADCAST_PREFIX.length) {
				broadcast(packet);
			}
			else if (start.startsWith("42")) {
				// an event with an ack id: 42<id>["whoami",...] answered 43<id>[{"worker":"0"}]
				int id = 2;
				while (id < start.length() && Character.isDigit(start.charAt(id))) {
					id++;
				}
				if (id > 2) {
					ctx.writeAndFlush(new TextWebSocketFrame("43" + start.substring(2, id) + "[{\"worker\":\"0\"}]"));
				}
			}
		}

	}

}

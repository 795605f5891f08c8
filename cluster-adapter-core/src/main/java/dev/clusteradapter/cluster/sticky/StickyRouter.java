package dev.clusteradapter.cluster.sticky;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The primary's public listener: reads each new connection's first request head, finds the
 * worker owning its Engine.IO session ({@link SessionIdCodec}), or picks one by
 * {@link LoadBalancing}, and hands the connection over to it or relays it
 * ({@link StickyMode}). Handshakes get a session id naming their worker; a client can
 * never propose its own.
 * <p>
 * Routing is per request: a worker closes a polling connection after each response (as
 * netty-socketio does), so the next request opens a new connection and is routed again.
 */
public class StickyRouter implements AutoCloseable {

	/** Name prefix of the router's I/O threads. */
	static final String THREAD_PREFIX = "sticky-router";

	private final StickyRouterOptions options;

	private final WorkerDirectory workers;

	private final RouterMetrics metrics;

	private final StickyMode mode;

	private EventLoopGroup group;

	private Channel listener;

	private HandoverSender handover;

	/**
	 * Creates a router; {@link #start()} binds it.
	 * @param options its settings
	 * @param workers the live workers
	 * @param metrics where routing decisions are reported
	 */
	public StickyRouter(StickyRouterOptions options, WorkerDirectory workers, RouterMetrics metrics) {
		this.options = options;
		this.workers = workers;
		this.metrics = metrics;
		this.mode = options.mode().resolve();
	}

	/**
	 * Binds the listening socket, with {@code SO_REUSEADDR} so a restarted primary binds at
	 * once despite connections of the last one in {@code TIME_WAIT}.
	 * @return the bound address
	 * @throws InterruptedException when interrupted while binding
	 * @throws IllegalStateException when the address cannot be bound (port taken, no such
	 * host); the router is then closed
	 */
	public synchronized InetSocketAddress start() throws InterruptedException {
		boolean epoll = Epoll.isAvailable();
		this.group = new MultiThreadIoEventLoopGroup(this.options.ioThreads(),
				new DefaultThreadFactory(THREAD_PREFIX, true),
				epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
		this.handover = (this.mode == StickyMode.HANDOVER) ? new HandoverSender() : null;
		RouterContext context = new RouterContext(this.workers, new WorkerBalancer(this.options.loadBalancing()),
				this.metrics, this.mode, this.options.headTimeout(), new RequestHeadEncoder(), new RequestRelay(),
				this.handover);
		HttpDecoderConfig decoding = new HttpDecoderConfig().setMaxInitialLineLength(this.options.maxHeaderSize())
			.setMaxHeaderSize(this.options.maxHeaderSize());
		try {
			this.listener = new ServerBootstrap().group(this.group)
				.channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
				.option(ChannelOption.SO_REUSEADDR, true)
				.option(ChannelOption.SO_BACKLOG, 1024)
				.childOption(ChannelOption.TCP_NODELAY, true)
				// Bounds what is read before routing, so it fits the handover pipe.
				.childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 2048, 32 * 1024))
				.childHandler(new ChannelInitializer<Channel>() {

					@Override
					protected void initChannel(Channel channel) {
						channel.pipeline().addLast(new HttpRequestDecoder(decoding), new RequestRouting(context));
					}

				})
				.bind(this.options.host(), this.options.port())
				.sync()
				.channel();
		}
		catch (InterruptedException ex) {
			close();
			throw ex;
		}
		catch (Exception ex) {
			// Netty rethrows the bind's BindException undeclared
			close();
			throw new IllegalStateException("Cannot listen on the public port " + this.options.host() + ":"
					+ this.options.port() + ": " + ex.getMessage(), ex);
		}
		return localAddress();
	}

	/**
	 * The address the router listens on.
	 * @return the bound address, or {@code null} when not started
	 */
	public InetSocketAddress localAddress() {
		Channel bound = this.listener;
		return (bound != null) ? (InetSocketAddress) bound.localAddress() : null;
	}

	/**
	 * The mode this router works in, {@link StickyMode#AUTO} resolved.
	 * @return {@link StickyMode#HANDOVER} or {@link StickyMode#RELAY}
	 */
	public StickyMode mode() {
		return this.mode;
	}

	/**
	 * The mode and why it was chosen, for the start-up log.
	 * @return for example {@code "relay (auto: native epoll is unavailable: ...)"}
	 * @see StickyMode#describe()
	 */
	public String describeMode() {
		return this.options.mode().describe();
	}

	/**
	 * Stops listening and closes relayed connections; handed-over ones live on in their
	 * workers.
	 */
	@Override
	public synchronized void close() {
		if (this.listener != null) {
			this.listener.close().syncUninterruptibly();
			this.listener = null;
		}
		if (this.handover != null) {
			this.handover.close();
			this.handover = null;
		}
		if (this.group != null) {
			this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
			this.group = null;
		}
	}

}

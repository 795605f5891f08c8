package dev.clusteradapter.benchmarks.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

/**
 * A lean Engine.IO v4 / Socket.IO v5 load client: WebSocket transport only, text frames,
 * no per-message compression, the default namespace. Thousands of {@link EngineIoSocket}s
 * share one or two event-loop threads, so the client costs far less per received message
 * than the official clients and stays out of the way of the server it measures. It also
 * runs long-polling handshakes, for connection storms.
 */
public final class EngineIoClient implements AutoCloseable {

	private static final int MAX_FRAME = 16 << 20;

	private static final int CONNECT_TIMEOUT_MILLIS = 15_000;

	private final EventLoopGroup group;

	private final Bootstrap bootstrap;

	/**
	 * A client on its own event-loop threads.
	 * @param threads event-loop threads (one or two: the server under test needs the cores)
	 */
	public EngineIoClient(int threads) {
		// epoll where there is one: fewer system calls per read, so less of the machine's CPU
		// goes to the client and more to the server under test
		boolean epoll = Epoll.isAvailable();
		this.group = new MultiThreadIoEventLoopGroup(threads,
				epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
		this.bootstrap = new Bootstrap().group(this.group)
			.channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
	}

	/**
	 * Opens a socket: WebSocket upgrade, Engine.IO open, then Socket.IO connect to "/".
	 * @param server the server's base URI ({@code http://host:port})
	 * @param listener receives every event the server emits to this socket
	 * @return completes once the server confirmed the namespace connection ("40{...}"), or
	 * fails after 15 s (the connection then closed)
	 */
	public CompletableFuture<EngineIoSocket> connect(URI server, EventListener listener) {
		URI uri = URI.create("ws://" + server.getHost() + ":" + server.getPort() + "/socket.io/?EIO=4&transport=websocket");
		EngineIoSocket socket = new EngineIoSocket(listener, CONNECT_TIMEOUT_MILLIS);
		WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
			.webSocketUri(uri)
			.version(WebSocketVersion.V13)
			.allowExtensions(false)
			.maxFramePayloadLength(MAX_FRAME)
			.handshakeTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
			.build();
		this.bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {

			@Override
			protected void initChannel(SocketChannel channel) {
				channel.pipeline()
					.addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
							new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_FRAME), socket);
			}

		}).connect(server.getHost(), server.getPort()).addListener((future) -> {
			if (!future.isSuccess()) {
				socket.fail(future.cause());
			}
		});
		return socket.connected();
	}

	/**
	 * Runs one long-polling handshake (see {@link PollingHandshake}) and closes the session.
	 * @param server the server's base URI ({@code http://host:port})
	 * @return nanoseconds from the TCP connect to the {@code 40{...}} response; fails after 15 s
	 */
	public CompletableFuture<Long> pollingHandshake(URI server) {
		return new PollingHandshake(this.bootstrap, server, CONNECT_TIMEOUT_MILLIS).start();
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
	}

}

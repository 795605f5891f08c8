package dev.clusteradapter.benchmarks.client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The HTTP long-polling handshake of a Socket.IO client, for a connection storm:
 *
 * <pre>
 * GET  /socket.io/?EIO=4&amp;transport=polling            -&gt; 0{"sid":"S",...}
 * POST /socket.io/?EIO=4&amp;transport=polling&amp;sid=S  "40" -&gt; ok
 * GET  /socket.io/?EIO=4&amp;transport=polling&amp;sid=S       -&gt; 40{"sid":...}   (handshake done)
 * POST /socket.io/?EIO=4&amp;transport=polling&amp;sid=S  "1"  -&gt; ok             (session closed)
 * </pre>
 *
 * Every request goes on its own connection ({@code Connection: close}): netty-socketio drops
 * a connection that carried the opening GET when a POST follows on it, and a browser's
 * pending GET keeps the POSTs off its connection anyway. The duration counts from the
 * first TCP connect to the {@code 40{...}} response.
 */
final class PollingHandshake {

	private static final String PATH = "/socket.io/?EIO=4&transport=polling";

	private static final int MAX_POLLS = 5;

	private final Bootstrap bootstrap;

	private final URI server;

	private final long startNanos = System.nanoTime();

	private final CompletableFuture<Long> done = new CompletableFuture<>();

	private String session;

	private int polls;

	private long handshakeNanos;

	PollingHandshake(Bootstrap bootstrap, URI server, long timeoutMillis) {
		this.bootstrap = bootstrap;
		this.server = server;
		this.done.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
	}

	CompletableFuture<Long> start() {
		send(HttpMethod.GET, PATH, null, this::opened);
		return this.done;
	}

	private void opened(String body) {
		int at = body.indexOf("\"sid\":\"");
		if (!body.startsWith("0") || at < 0) {
			throw new IllegalStateException("no open packet: " + body);
		}
		this.session = PATH + "&sid=" + body.substring(at + 7, body.indexOf('"', at + 7));
		send(HttpMethod.POST, this.session, "40", (ok) -> poll());
	}

	private void poll() {
		send(HttpMethod.GET, this.session, null, (body) -> {
			if (body.contains("40{")) {
				this.handshakeNanos = System.nanoTime() - this.startNanos;
				send(HttpMethod.POST, this.session, "1", (ok) -> this.done.complete(this.handshakeNanos));
			}
			else if (++this.polls < MAX_POLLS) {
				poll();
			}
			else {
				throw new IllegalStateException("no 40{ after " + MAX_POLLS + " polls");
			}
		});
	}

	private void send(HttpMethod method, String uri, String body, Consumer<String> next) {
		FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
				(body != null) ? Unpooled.copiedBuffer(body, StandardCharsets.UTF_8) : Unpooled.EMPTY_BUFFER);
		request.headers().set(HttpHeaderNames.HOST, this.server.getHost() + ":" + this.server.getPort());
		request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, request.content().readableBytes());
		if (body != null) {
			request.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
		}
		this.bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {

			@Override
			protected void initChannel(SocketChannel channel) {
				channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536), new Exchange(next));
			}

		}).connect(this.server.getHost(), this.server.getPort()).addListener((future) -> {
			if (future.isSuccess()) {
				((ChannelFuture) future).channel().writeAndFlush(request);
			}
			else {
				request.release();
				this.done.completeExceptionally(future.cause());
			}
		});
	}

	/** One request's connection: hands the response body on, then closes. */
	private final class Exchange extends SimpleChannelInboundHandler<FullHttpResponse> {

		private final Consumer<String> next;

		private boolean answered;

		Exchange(Consumer<String> next) {
			this.next = next;
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
			this.answered = true;
			String body = response.content().toString(StandardCharsets.UTF_8);
			ctx.close();
			if (response.status().code() != 200) {
				PollingHandshake.this.done
					.completeExceptionally(new IOException("HTTP " + response.status() + ": " + body));
				return;
			}
			try {
				this.next.accept(body);
			}
			catch (RuntimeException ex) {
				PollingHandshake.this.done.completeExceptionally(ex);
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			if (!this.answered) {
				PollingHandshake.this.done.completeExceptionally(new IOException("connection closed before a response"));
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			PollingHandshake.this.done.completeExceptionally(cause);
			ctx.close();
		}

	}

}

package dev.clusteradapter.benchmarks.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * One Socket.IO connection of an {@link EngineIoClient}, and the handler that speaks
 * Engine.IO v4 over its WebSocket: every text frame is one Engine.IO packet.
 *
 * <pre>
 * server                         client
 *   0{"sid":...,"pingInterval":..}  -&gt;
 *                                 &lt;-  40                     (connect to "/")
 *   40{"sid":...}                   -&gt;  connected
 *   2                               -&gt;
 *                                 &lt;-  3                      (pong)
 *                                 &lt;-  42["event",...]        (emit)
 *                                 &lt;-  42&lt;id&gt;["event",...]    (emit with ack)
 *   43&lt;id&gt;[...]                     -&gt;  ack completes
 *   42["event",...]                 -&gt;  EventListener
 * </pre>
 */
public final class EngineIoSocket extends SimpleChannelInboundHandler<WebSocketFrame> {

	private final EventListener listener;

	private final long startNanos = System.nanoTime();

	private final CompletableFuture<EngineIoSocket> connected = new CompletableFuture<>();

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private final Map<Integer, CompletableFuture<String>> acks = new ConcurrentHashMap<>();

	private final AtomicInteger nextAck = new AtomicInteger();

	private volatile Channel channel;

	private volatile String engineSessionId;

	private volatile long connectedNanos;

	private volatile String stage = "TCP connect";

	EngineIoSocket(EventListener listener, long timeoutMillis) {
		this.listener = listener;
		// a connection stuck anywhere in the handshake is given up and closed, not left to hang
		CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS)
			.execute(() -> this.connected.completeExceptionally(
					new TimeoutException("not connected within " + timeoutMillis + " ms, waiting for " + this.stage)));
		this.connected.whenComplete((socket, failure) -> {
			if (failure != null) {
				close();
			}
		});
	}

	CompletableFuture<EngineIoSocket> connected() {
		return this.connected;
	}

	void fail(Throwable cause) {
		this.connected.completeExceptionally(cause);
		this.closed.complete(null);
	}

	/**
	 * Engine.IO session id from the open packet (ours carries the worker id in its first four
	 * hex digits).
	 * @return the session id, null before the open packet
	 */
	public String engineSessionId() {
		return this.engineSessionId;
	}

	/**
	 * Time from the start of the TCP connect to the namespace connection.
	 * @return nanoseconds, 0 while not connected
	 */
	public long handshakeNanos() {
		return (this.connectedNanos == 0) ? 0 : this.connectedNanos - this.startNanos;
	}

	/**
	 * Completes when the connection is gone.
	 * @return the future
	 */
	public CompletableFuture<Void> closed() {
		return this.closed;
	}

	/**
	 * Emits an event.
	 * @param event the event name (plain ASCII, no quotes)
	 * @param jsonArguments the arguments, JSON, comma-separated; empty for none
	 */
	public void emit(String event, String jsonArguments) {
		send("42[\"" + event + "\"" + (jsonArguments.isEmpty() ? "" : ",") + jsonArguments + "]");
	}

	/**
	 * Emits an event with an acknowledgement.
	 * @param event the event name
	 * @param jsonArguments the arguments, JSON, comma-separated; empty for none
	 * @return the ack's arguments as a JSON array text
	 */
	public CompletableFuture<String> emitWithAck(String event, String jsonArguments) {
		int id = this.nextAck.getAndIncrement();
		CompletableFuture<String> ack = new CompletableFuture<>();
		this.acks.put(id, ack);
		send("42" + id + "[\"" + event + "\"" + (jsonArguments.isEmpty() ? "" : ",") + jsonArguments + "]");
		return ack;
	}

	/**
	 * Stops or resumes reading from the server. Stopped, it is a client whose application
	 * hangs: what the server sends fills the socket buffers, then waits in the server. Resumed,
	 * it reads what the kernel kept, then the end of the connection if the server closed it.
	 * @param reading whether to read
	 */
	public void setReading(boolean reading) {
		this.channel.config().setAutoRead(reading);
	}

	/** Closes the WebSocket (the server sees a transport close). */
	public void close() {
		Channel current = this.channel;
		if (current != null) {
			current.close();
		}
	}

	private void send(String packet) {
		this.channel.writeAndFlush(new TextWebSocketFrame(packet));
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.channel = ctx.channel();
		this.stage = "WebSocket upgrade";
		super.channelActive(ctx);
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.channel = ctx.channel();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
			this.stage = "Engine.IO open packet";
		}
		if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
			fail(new IOException("WebSocket handshake timed out"));
			ctx.close();
		}
		super.userEventTriggered(ctx, event);
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
		if (!(frame instanceof TextWebSocketFrame)) {
			return;
		}
		long now = System.nanoTime();
		ByteBuf packet = frame.content();
		int start = packet.readerIndex();
		if (!packet.isReadable()) {
			return;
		}
		byte type = packet.getByte(start);
		if (type == '4' && packet.readableBytes() > 1) {
			byte kind = packet.getByte(start + 1);
			if (kind == '2') {
				this.listener.onEvent(this, packet, now);
			}
			else if (kind == '3') {
				completeAck(packet);
			}
			else if (kind == '0') {
				this.connectedNanos = now;
				this.connected.complete(this);
			}
			else if (kind == '4') {
				fail(new IOException("connect error " + packet.toString(StandardCharsets.UTF_8)));
				ctx.close();
			}
		}
		else if (type == '2') {
			ctx.writeAndFlush(new TextWebSocketFrame("3"));
		}
		else if (type == '0') {
			String open = packet.toString(StandardCharsets.UTF_8);
			int sid = open.indexOf("\"sid\":\"");
			this.engineSessionId = (sid < 0) ? "" : open.substring(sid + 7, open.indexOf('"', sid + 7));
			this.stage = "Socket.IO connect (40{...})";
			ctx.writeAndFlush(new TextWebSocketFrame("40"));
		}
		else if (type == '1') {
			ctx.close();
		}
	}

	private void completeAck(ByteBuf packet) {
		int i = packet.readerIndex() + 2;
		int id = 0;
		byte b;
		while (i < packet.writerIndex() && (b = packet.getByte(i)) >= '0' && b <= '9') {
			id = id * 10 + (b - '0');
			i++;
		}
		CompletableFuture<String> ack = this.acks.remove(id);
		if (ack != null) {
			ack.complete(packet.toString(i, packet.writerIndex() - i, StandardCharsets.UTF_8));
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (!this.connected.isDone()) {
			this.connected.completeExceptionally(new IOException("closed by the server while waiting for " + this.stage));
		}
		this.acks.values().forEach((ack) -> ack.completeExceptionally(new IOException("closed")));
		this.closed.complete(null);
		super.channelInactive(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		fail(cause);
		ctx.close();
	}

}

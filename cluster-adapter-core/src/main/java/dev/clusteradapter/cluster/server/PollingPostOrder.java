package dev.clusteradapter.cluster.server;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Answers a long-polling POST once its packets are handled, as Node's Engine.IO does.
 * <p>
 * netty-socketio writes the POST's {@code ok} before it hands the packets on, and a client
 * sends its next POST as soon as the previous one is answered, often over another
 * connection, whose event loop then handled the next packets while this one had not yet
 * begun: a client's events overtook one another, and a binary event whose attachment came
 * in the next POST was dropped, its ack never sent. Whatever is written to the connection
 * while its POST is handled waits until the POST is, then goes in the order it was written.
 * Only a POST: a write's completion, which waits with it, is what a WebSocket upgrade
 * awaits before it reads frames.
 * <p>
 * Right after the HTTP request is whole, ahead of every Socket.IO handler: one that closes
 * the connection while the POST is handled (a malformed packet ends its session) closes it
 * through this one, which sends what was held first, as a POST is answered before its
 * connection closes. One per connection: its state is the connection's, and Netty calls
 * it on the connection's event loop only (a write from another thread reaches it as a
 * task, after the read).
 */
final class PollingPostOrder extends ChannelDuplexHandler {

	private static final Object FLUSH = new Object();

	private boolean handlingPost;

	/** What was written (and {@link #FLUSH flushed}) while the POST is handled; {@code null} until then. */
	private List<Object> held;

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof HttpRequest request) || !HttpMethod.POST.equals(request.method())) {
			ctx.fireChannelRead(msg);
			return;
		}
		this.handlingPost = true;
		try {
			ctx.fireChannelRead(msg);
		}
		finally {
			this.handlingPost = false;
			release(ctx);
		}
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (this.handlingPost) {
			held().add(msg);
			this.held.add(promise);
			return;
		}
		ctx.write(msg, promise);
	}

	@Override
	public void flush(ChannelHandlerContext ctx) {
		if (this.handlingPost) {
			held().add(FLUSH);
			return;
		}
		ctx.flush();
	}

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
		// what was written before the close goes first
		this.handlingPost = false;
		release(ctx);
		ctx.close(promise);
	}

	private List<Object> held() {
		if (this.held == null) {
			this.held = new ArrayList<>(4);
		}
		return this.held;
	}

	private void release(ChannelHandlerContext ctx) {
		List<Object> writes = this.held;
		this.held = null;
		if (writes == null) {
			return;
		}
		for (int i = 0; i < writes.size(); i++) {
			Object msg = writes.get(i);
			if (msg == FLUSH) {
				ctx.flush();
			}
			else {
				ctx.write(msg, (ChannelPromise) writes.get(++i));
			}
		}
	}

}

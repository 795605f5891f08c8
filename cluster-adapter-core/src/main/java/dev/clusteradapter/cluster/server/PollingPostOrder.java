package dev.clusteradapter.cluster.server;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AttributeKey;

/**
 * Answers a long-polling POST once its packets are handled, as Node's Engine.IO does.
 * <p>
 * netty-socketio writes the POST's {@code ok} before it hands the packets on, and a client
 * sends its next POST as soon as the previous one is answered, often over another
 * connection, whose event loop then handled the next packets while this one had not yet
 * begun: a client's events overtook one another, and a binary event whose attachment came
 * in the next POST was dropped, its ack never sent. Whatever is written to the connection
 * while its POST is read waits until the read is over.
 */
@Sharable
final class PollingPostOrder extends ChannelDuplexHandler {

	static final PollingPostOrder INSTANCE = new PollingPostOrder();

	private static final AttributeKey<HeldWrites> HELD = AttributeKey.valueOf(PollingPostOrder.class, "held");

	private PollingPostOrder() {
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof HttpRequest request) || !HttpMethod.POST.equals(request.method())) {
			ctx.fireChannelRead(msg);
			return;
		}
		HeldWrites held = new HeldWrites();
		ctx.channel().attr(HELD).set(held);
		try {
			ctx.fireChannelRead(msg);
		}
		finally {
			ctx.channel().attr(HELD).set(null);
			held.release(ctx);
		}
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		HeldWrites held = heldWrites(ctx);
		if (held != null) {
			held.writes.add(new HeldWrite(msg, promise));
			return;
		}
		ctx.write(msg, promise);
	}

	@Override
	public void flush(ChannelHandlerContext ctx) {
		HeldWrites held = heldWrites(ctx);
		if (held != null) {
			held.flushed = true;
			return;
		}
		ctx.flush();
	}

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
		HeldWrites held = heldWrites(ctx);
		if (held != null) {
			// what was written before the close goes first
			ctx.channel().attr(HELD).set(null);
			held.release(ctx);
		}
		ctx.close(promise);
	}

	/** Writes of this connection's event loop while it reads a POST; any other thread's come later anyway. */
	private static HeldWrites heldWrites(ChannelHandlerContext ctx) {
		return ctx.executor().inEventLoop() ? ctx.channel().attr(HELD).get() : null;
	}

	private record HeldWrite(Object msg, ChannelPromise promise) {
	}

	private static final class HeldWrites {

		private final List<HeldWrite> writes = new ArrayList<>(1);

		private boolean flushed;

		void release(ChannelHandlerContext ctx) {
			for (HeldWrite write : this.writes) {
				ctx.write(write.msg(), write.promise());
			}
			this.writes.clear();
			if (this.flushed) {
				this.flushed = false;
				ctx.flush();
			}
		}

	}

}

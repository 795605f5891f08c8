package dev.clusteradapter.cluster.server;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.PromiseNotifier;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of RFC 6455's closing handshake (section 7.1.1): after the server sent
 * its Close frame, the connection is read and what comes is dropped until the client's
 * Close frame or the end of its input, and only then closed.
 * <p>
 * Closing at once, as Netty and netty-socketio do, goes wrong when the client is still
 * sending, typically the rest of the message that made the server close (status 1009,
 * message too big): the unread bytes make the kernel reset the connection, the client's
 * write fails (broken pipe, reset) and it may never read the Close frame and its status.
 * <p>
 * Every write of a Close frame passes this handler, which sits right after the frame
 * encoder. Its future, to which callers attach the close of the connection, completes once
 * the handshake is over: the client's Close frame arrived, its input ended, more than
 * {@code maxDiscardedBytes} arrived after the Close, or {@link #TIMEOUT_SECONDS} passed. A
 * Close frame answering the client's own is sent and closed at once. Nothing but a Close
 * frame is sent after a Close frame.
 * <p>
 * It also closes, with the status the violation calls for, a connection whose frames the
 * decoder before it refused (1009 for a frame over the limit). The decoder has then lost
 * the frame boundaries and cannot find the client's Close frame: what follows is counted
 * as raw bytes until the end of the client's input.
 */
final class WebSocketClosingHandshake extends ChannelDuplexHandler {

	/** Longest wait for the client's answer to a Close frame, as for the rest of a refused polling body. */
	static final long TIMEOUT_SECONDS = OversizedRequestAggregator.DISCARD_TIMEOUT_SECONDS;

	private static final String DISCARDED_INPUT = "webSocketDiscardedInput";

	private static final Logger logger = LoggerFactory.getLogger(WebSocketClosingHandshake.class);

	private final long maxDiscardedBytes;

	private boolean clientClosed;

	private ChannelPromise done;

	private ScheduledFuture<?> timeout;

	private long discarded;

	/**
	 * Creates the handler of one connection.
	 * @param maxDiscardedBytes the most the client may send after the server's Close frame
	 */
	WebSocketClosingHandshake(long maxDiscardedBytes) {
		this.maxDiscardedBytes = maxDiscardedBytes;
	}

	/**
	 * Whether the server's Close frame is on its way: no data frame may follow it. For writers
	 * that pass this handler by; called on the connection's event loop.
	 * @return {@code true} once a Close frame was written
	 */
	boolean closing() {
		return this.done != null;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.done != null) {
			boolean answered = msg instanceof CloseWebSocketFrame;
			discard(size(msg));
			ReferenceCountUtil.release(msg);
			if (answered) {
				finish();
			}
			return;
		}
		if (msg instanceof CloseWebSocketFrame) {
			this.clientClosed = true;
		}
		ctx.fireChannelRead(msg);
	}

	/**
	 * Closes the connection after a violation of the WebSocket protocol found by the frame
	 * decoder right before this handler, with the status it calls for (1009 for a frame over
	 * the limit), so that it never reaches netty-socketio's handlers as a malformed packet.
	 */
	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (!(cause instanceof CorruptedWebSocketFrameException violation)) {
			ctx.fireExceptionCaught(cause);
			return;
		}
		logger.debug("Refused a WebSocket frame from {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
		// the decoder lost the frame boundaries: what follows is counted as bytes
		ChannelPipeline pipeline = ctx.pipeline();
		ChannelHandlerContext decoder = pipeline.context(WebSocketFrameDecoder.class);
		if (decoder != null) {
			pipeline.replace(decoder.name(), DISCARDED_INPUT, new DiscardedInput());
		}
		ctx.channel()
			.writeAndFlush(new CloseWebSocketFrame(violation.closeStatus()))
			.addListener(ChannelFutureListener.CLOSE);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (this.done != null) {
			ReferenceCountUtil.release(msg);
			if (msg instanceof CloseWebSocketFrame) {
				this.done.addListener(new PromiseNotifier<>(promise));
			}
			else {
				// RFC 6455 5.5.1: no data frame after a Close frame
				promise.tryFailure(new IllegalStateException("WebSocket closing"));
			}
			return;
		}
		if (msg instanceof CloseWebSocketFrame && !this.clientClosed) {
			startClosing(ctx, (CloseWebSocketFrame) msg, promise);
			return;
		}
		ctx.write(msg, promise);
	}

	private void startClosing(ChannelHandlerContext ctx, CloseWebSocketFrame frame, ChannelPromise promise) {
		this.done = ctx.newPromise();
		this.done.addListener(new PromiseNotifier<>(promise));
		ChannelFuture sent = ctx.writeAndFlush(frame);
		sent.addListener((ChannelFuture future) -> {
			if (!future.isSuccess()) {
				finish();
			}
		});
		this.timeout = ctx.executor().schedule(this::finish, TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		finish();
		ctx.fireChannelInactive();
	}

	private void discard(long bytes) {
		this.discarded += bytes;
		if (this.discarded > this.maxDiscardedBytes) {
			finish();
		}
	}

	private void finish() {
		if (this.done != null && !this.done.isDone()) {
			if (this.timeout != null) {
				this.timeout.cancel(false);
			}
			this.done.trySuccess();
		}
	}

	private static long size(Object msg) {
		if (msg instanceof ByteBufHolder holder) {
			return holder.content().readableBytes();
		}
		return (msg instanceof ByteBuf buf) ? buf.readableBytes() : 0;
	}

	/**
	 * In place of a frame decoder that refused a frame: drops the raw bytes and counts them,
	 * until the end of the input or the limit.
	 */
	private final class DiscardedInput extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			long bytes = size(msg);
			ReferenceCountUtil.release(msg);
			if (WebSocketClosingHandshake.this.done != null) {
				discard(bytes);
			}
		}

	}

}

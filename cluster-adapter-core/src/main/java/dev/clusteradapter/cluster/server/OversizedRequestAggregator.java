package dev.clusteradapter.cluster.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * netty-socketio's HTTP aggregator, with a clear answer to a polling body over
 * {@code maxHttpContentLength}: {@code 413 Payload Too Large}, as Engine.IO answers.
 * <p>
 * netty-socketio's own aggregator sits before the response encoder, so the 413 that
 * Netty writes from there never reached the client: the connection just ended, in the
 * middle of the client's upload (a reset). This one writes its answer through the whole
 * pipeline, then reads and drops the rest of the body (at most {@link #DISCARD_TIMEOUT_SECONDS}
 * seconds) before it closes, so that the client reads the answer instead of a reset. A
 * client that waits for {@code 100 Continue} before it sends the body gets the answer at
 * once and the connection is closed. The session of the request lives on. Like
 * netty-socketio's, it never answers {@code 100 Continue}.
 */
final class OversizedRequestAggregator extends HttpObjectAggregator {

	static final long DISCARD_TIMEOUT_SECONDS = 10;

	private ChannelFuture refusal;

	OversizedRequestAggregator(int maxContentLength) {
		super(maxContentLength);
	}

	@Override
	protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
		return null;
	}

	@Override
	protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
		byte[] text = "payload too large".getBytes(StandardCharsets.US_ASCII);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(text));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, text.length)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		// from the channel, not from ctx: the response encoder comes after this handler
		ChannelFuture written = ctx.channel().writeAndFlush(response);
		if (oversized instanceof FullHttpMessage || HttpUtil.is100ContinueExpected(oversized)) {
			written.addListener(ChannelFutureListener.CLOSE);
			return;
		}
		// Netty closes at once when auto-read is off; here it is off only while a handed-over
		// connection replays the bytes the router read, and the time limit below bounds the rest
		this.refusal = written;
		ctx.executor().schedule(() -> ctx.channel().close(), DISCARD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, HttpObject msg, List<Object> out) throws Exception {
		super.decode(ctx, msg, out);
		if (this.refusal != null && msg instanceof LastHttpContent) {
			// the whole refused body is read: nothing unread is left to turn the close into a reset
			this.refusal.addListener(ChannelFutureListener.CLOSE);
			this.refusal = null;
		}
	}

}

package dev.clusteradapter.cluster.server;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of the pipeline: closes a WebSocket whose message is over
 * {@code maxFramePayloadLength} with status 1009 (message too big), as Engine.IO does.
 * <p>
 * A single frame over the limit is refused by Netty's frame decoder, which closes with 1009
 * itself. A message sent in several frames passes it and is refused by netty-socketio's
 * frame aggregator, whose exception reached the end of the pipeline unhandled: the
 * connection stayed open and the client waited for an answer until its ping timed out.
 * Both cases are bad client input, logged at debug level, not as a pipeline warning.
 * <p>
 * After its close frame the connection stays open, its input read and dropped by the
 * aggregator, until the client answers with its own close frame (netty-socketio's transport
 * then closes it, as RFC 6455 has it) or {@link #CLOSE_HANDSHAKE_TIMEOUT_SECONDS} pass:
 * closing at once turned the rest of the client's message, still arriving, into a reset,
 * and the client saw a broken pipe instead of the status.
 */
@Sharable
final class OversizedMessageCloser extends ChannelInboundHandlerAdapter {

	static final OversizedMessageCloser INSTANCE = new OversizedMessageCloser();

	static final long CLOSE_HANDSHAKE_TIMEOUT_SECONDS = 10;

	private static final Logger logger = LoggerFactory.getLogger(OversizedMessageCloser.class);

	private OversizedMessageCloser() {
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof CorruptedWebSocketFrameException) {
			// Netty's frame decoder has sent its close frame and is closing the connection
			logger.debug("Refused a WebSocket frame from {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
			return;
		}
		if (cause instanceof TooLongFrameException && ctx.pipeline().get(WebSocketFrameEncoder.class) != null) {
			logger.debug("Refused a WebSocket message from {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
			Channel channel = ctx.channel();
			channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
				.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
			ScheduledFuture<?> deadline = ctx.executor()
				.schedule(() -> channel.close(), CLOSE_HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			channel.closeFuture().addListener((closed) -> deadline.cancel(false));
			return;
		}
		ctx.fireExceptionCaught(cause);
	}

}

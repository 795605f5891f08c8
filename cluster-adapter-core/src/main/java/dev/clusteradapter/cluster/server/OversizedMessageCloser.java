package dev.clusteradapter.cluster.server;

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
 * A single frame over the limit is refused by the frame decoder from its header on, and
 * the {@link WebSocketClosingHandshake} closes with 1009. A message sent in several frames
 * passes the decoder and is refused by netty-socketio's frame aggregator, whose exception
 * reached the end of the pipeline unhandled: the connection stayed open and the client
 * waited for an answer until its ping timed out. Here it is closed with 1009, through the
 * closing handshake. Both cases are bad client input, logged at debug level, not as a
 * pipeline warning.
 */
@Sharable
final class OversizedMessageCloser extends ChannelInboundHandlerAdapter {

	static final OversizedMessageCloser INSTANCE = new OversizedMessageCloser();

	private static final Logger logger = LoggerFactory.getLogger(OversizedMessageCloser.class);

	private OversizedMessageCloser() {
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof CorruptedWebSocketFrameException) {
			// a frame decoder of an older WebSocket version, which closes the connection itself
			logger.debug("Refused a WebSocket frame from {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
			return;
		}
		if (cause instanceof TooLongFrameException && ctx.pipeline().get(WebSocketFrameEncoder.class) != null) {
			logger.debug("Refused a WebSocket message from {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
			ctx.channel()
				.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
				.addListener(ChannelFutureListener.CLOSE);
			return;
		}
		ctx.fireExceptionCaught(cause);
	}

}

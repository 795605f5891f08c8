package dev.clusteradapter.cluster.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;

/**
 * Remembers whether the WebSocket message being read is binary, which netty-socketio's
 * {@code WebSocketTransport} forgets when it passes the frame's content on: only a binary
 * message is an attachment, and a client may send an Engine.IO text packet (a ping, the
 * upgrade) between a binary Socket.IO packet and its attachments.
 */
@Sharable
final class BinaryFrameMarker extends ChannelInboundHandlerAdapter {

	static final BinaryFrameMarker INSTANCE = new BinaryFrameMarker();

	private static final AttributeKey<Boolean> BINARY = AttributeKey.valueOf(BinaryFrameMarker.class, "binary");

	/**
	 * Whether the WebSocket message being read on a channel is binary.
	 * @param channel the channel
	 * @return {@code true} for a binary message
	 */
	static boolean isBinary(Channel channel) {
		return Boolean.TRUE.equals(channel.attr(BINARY).get());
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		// the first frame of a message says its type; continuation frames do not
		if (msg instanceof BinaryWebSocketFrame) {
			ctx.channel().attr(BINARY).set(Boolean.TRUE);
		}
		else if (msg instanceof TextWebSocketFrame) {
			ctx.channel().attr(BINARY).set(Boolean.FALSE);
		}
		ctx.fireChannelRead(msg);
	}

}

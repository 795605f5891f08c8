package dev.clusteradapter.cluster.server;

import java.net.SocketException;
import java.nio.channels.ClosedChannelException;

import com.corundumstudio.socketio.listener.DefaultExceptionListener;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.unix.Errors;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clusteradapter.cluster.socketio.EngineIoSession;
import dev.clusteradapter.cluster.socketio.InboundPackets;

/**
 * The starter's default {@link com.corundumstudio.socketio.listener.ExceptionListener}:
 * netty-socketio's, except for what goes wrong on a client's connection outside of the
 * application's listeners, which ends that client's session and closes its connection,
 * as Socket.IO closes a client after a {@code "parse error"}.
 * <p>
 * netty-socketio's default logs such an error with its stack trace and keeps the
 * connection: a client sending malformed packets stays connected and every packet writes
 * dozens of error lines, and every client that resets its connection writes a stack trace.
 * Here a malformed packet ends its client's session: a WebSocket is closed with status
 * 1007 (invalid payload data), a waiting long-poll gets Engine.IO's close packet, and
 * either way the client reconnects, as after Socket.IO's parse error. It is logged in one
 * line at warning level (netty-socketio's packet handler still logs the packet once
 * itself). A failure of the connection itself, such as a reset by the peer, is logged at
 * debug level. Errors thrown by the application's listeners are logged with their stack
 * trace, as netty-socketio does.
 * Replace it with {@code Configuration.setExceptionListener} in a
 * {@code SocketIoConfigurationCustomizer}.
 */
public class ClientErrorListener extends DefaultExceptionListener {

	private static final Logger logger = LoggerFactory.getLogger(ClientErrorListener.class);

	/**
	 * The client whose packets a connection carries: set for each of them before
	 * netty-socketio's packet handler reads them, since a polling request's connection
	 * names no client of its own.
	 */
	static final AttributeKey<EngineIoSession> PACKET_SENDER = AttributeKey.valueOf(ClientErrorListener.class, "sender");

	/** Records {@link #PACKET_SENDER} for the listener. */
	static final ChannelInboundHandler RECORDER = new PacketSenderRecorder();

	@Override
	public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		EngineIoSession client = ctx.channel().attr(PACKET_SENDER).get();
		if (client == null) {
			client = EngineIoSession.of(ctx.channel());
		}
		Object who = (client != null) ? client.sessionId() : ctx.channel().remoteAddress();
		if (isConnectionFailure(cause)) {
			logger.debug("Connection of {} failed: {}", who, cause.toString());
		}
		else {
			logger.warn("Disconnecting {} after bad input: {}", who, cause.toString());
			if (ctx.pipeline().get(WebSocketFrameEncoder.class) != null) {
				if (client != null) {
					client.end();
				}
				ctx.channel()
					.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_PAYLOAD_DATA))
					.addListener(ChannelFutureListener.CLOSE);
				return true;
			}
			if (client != null) {
				// a waiting long-poll gets Engine.IO's close packet, and the session ends
				client.sendPollingClose();
				client.end();
			}
		}
		ctx.close();
		return true;
	}

	/**
	 * Whether the connection itself failed (reset, closed), as opposed to what came over it:
	 * netty-socketio reports malformed JSON as an {@code IOException} too.
	 */
	private static boolean isConnectionFailure(Throwable cause) {
		return cause instanceof SocketException || cause instanceof Errors.NativeIoException
				|| cause instanceof ClosedChannelException;
	}

	@Sharable
	private static final class PacketSenderRecorder extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			InboundPackets packets = InboundPackets.of(msg);
			if (packets != null) {
				ctx.channel().attr(PACKET_SENDER).set(packets.session());
			}
			ctx.fireChannelRead(msg);
		}

	}

}

package dev.clusteradapter.cluster.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.corundumstudio.socketio.handler.ClientsBox;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request for a session id that is malformed or that this server does not know,
 * on either transport, as Engine.IO does, before netty-socketio's transports see it:
 * {@code 400} with {@code {"code":3,"message":"Bad request"}} or
 * {@code {"code":1,"message":"Session ID unknown"}}, and the connection closed.
 * <p>
 * netty-socketio answers none of these well: a malformed id throws from its transports and
 * the connection hangs unanswered; a polling {@code disconnect} of an unknown session throws
 * a {@code NullPointerException} and hangs too; a WebSocket upgrade for an unknown session
 * is accepted, then dropped; and every unknown polling session is logged as an error. They
 * are client input (a client that comes back too late, or to a worker that died), so they
 * are logged at debug level only.
 */
@Sharable
final class SessionGuard extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(SessionGuard.class);

	private static final byte[] BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}"
		.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] UNKNOWN_SESSION = UnknownSessionResponse.BODY;

	private final String connectPath;

	private final ClientsBox clients;

	/**
	 * Creates the guard.
	 * @param connectPath the path clients connect to, with its trailing slash
	 * @param clients netty-socketio's sessions of this server
	 */
	SessionGuard(String connectPath, ClientsBox clients) {
		this.connectPath = connectPath;
		this.clients = clients;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof FullHttpRequest request) {
			QueryStringDecoder query = new QueryStringDecoder(request.uri());
			List<String> sid = query.parameters().get("sid");
			if (sid != null && query.path().startsWith(this.connectPath)) {
				UUID sessionId = parse(sid.get(0));
				byte[] refusal = (sessionId == null) ? BAD_REQUEST
						: (this.clients.get(sessionId) == null) ? UNKNOWN_SESSION : null;
				if (refusal != null) {
					logger.debug("Refused {} {} from {}: {}", request.method(), request.uri(),
							ctx.channel().remoteAddress(), new String(refusal, StandardCharsets.US_ASCII));
					request.release();
					refuse(ctx, refusal);
					return;
				}
			}
		}
		ctx.fireChannelRead(msg);
	}

	private static UUID parse(String sid) {
		if (sid == null || sid.length() != 36) {
			return null;
		}
		try {
			return UUID.fromString(sid);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static void refuse(ChannelHandlerContext ctx, byte[] body) {
		ctx.channel().writeAndFlush(UnknownSessionResponse.badRequest(body)).addListener(ChannelFutureListener.CLOSE);
	}

}

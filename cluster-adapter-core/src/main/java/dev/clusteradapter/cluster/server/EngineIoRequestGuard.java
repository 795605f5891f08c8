package dev.clusteradapter.cluster.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.corundumstudio.socketio.Transport;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clusteradapter.cluster.socketio.EngineIoSessions;
import dev.clusteradapter.cluster.sticky.EngineIoSessionId;

/**
 * Answers a malformed Engine.IO request as Engine.IO does, before netty-socketio sees it:
 * {@code 400} with Engine.IO's error body, and the connection closed.
 * <table>
 * <caption>What is refused</caption>
 * <tr><th>request</th><th>answer</th></tr>
 * <tr><td>no {@code transport}, or one the server does not allow</td>
 * <td>{@code {"code":0,"message":"Transport unknown"}}</td></tr>
 * <tr><td>a session id that this server does not know</td>
 * <td>{@code {"code":1,"message":"Session ID unknown"}}</td></tr>
 * <tr><td>a handshake (no session id) by another method than {@code GET} (or a CORS
 * preflight)</td><td>{@code {"code":2,"message":"Bad handshake method"}}</td></tr>
 * <tr><td>a malformed session id, {@code transport=websocket} without a WebSocket upgrade,
 * a {@code b64} or {@code j} that is not a number</td>
 * <td>{@code {"code":3,"message":"Bad request"}}</td></tr>
 * </table>
 * netty-socketio answers several of these badly: a malformed session id, {@code b64} or
 * {@code j} throws from its transports and the connection hangs unanswered, as does a
 * WebSocket request without an upgrade and a polling {@code disconnect} of an unknown
 * session (a {@code NullPointerException}); a WebSocket upgrade for an unknown session is
 * accepted and then dropped; a handshake by {@code DELETE} opens a session; and each of the
 * others is logged as an error. They are client input (often a client that comes back too
 * late, or to a worker that died), so they are logged at debug level only.
 */
@Sharable
final class EngineIoRequestGuard extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(EngineIoRequestGuard.class);

	private static final byte[] TRANSPORT_UNKNOWN = "{\"code\":0,\"message\":\"Transport unknown\"}"
		.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] UNKNOWN_SESSION = UnknownSessionResponse.BODY;

	private static final byte[] BAD_HANDSHAKE_METHOD = "{\"code\":2,\"message\":\"Bad handshake method\"}"
		.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] STOPPING = "{\"message\":\"Server stopping\"}"
		.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}"
		.getBytes(StandardCharsets.US_ASCII);

	private final String connectPath;

	private final Set<String> transports;

	private final EngineIoSessions sessions;

	/** Set while the server stops: its sessions take their goodbye, no new one opens. */
	private volatile boolean stopping;

	/**
	 * Creates the guard.
	 * @param connectPath the path clients connect to, with its trailing slash
	 * @param transports the transports the server allows
	 * @param sessions netty-socketio's sessions of this server
	 */
	EngineIoRequestGuard(String connectPath, List<Transport> transports, EngineIoSessions sessions) {
		this.connectPath = connectPath;
		this.transports = transports.stream()
			.map((transport) -> transport.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		this.sessions = sessions;
	}

	/**
	 * From now on, refuses handshakes with {@code 503 Service Unavailable} (a client tries
	 * again later, elsewhere), while the server's sessions still take their goodbye.
	 */
	void refuseHandshakes() {
		this.stopping = true;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof FullHttpRequest request) {
			QueryStringDecoder query = new QueryStringDecoder(request.uri());
			FullHttpResponse refusal = query.path().startsWith(this.connectPath) ? refusal(request, query.parameters())
					: null;
			if (refusal != null) {
				logger.debug("Refused {} {} from {}: {} {}", request.method(), request.uri(), ctx.channel().remoteAddress(),
						refusal.status().code(), refusal.content().toString(StandardCharsets.US_ASCII));
				request.release();
				ctx.channel().writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
				return;
			}
		}
		ctx.fireChannelRead(msg);
	}

	/** The answer to a request this guard refuses, or {@code null} to let it pass. */
	private FullHttpResponse refusal(FullHttpRequest request, Map<String, List<String>> parameters) {
		if (this.stopping && EngineIoSessionId.of(parameters) == null) {
			return UnknownSessionResponse.refusal(HttpResponseStatus.SERVICE_UNAVAILABLE, STOPPING);
		}
		byte[] body = check(request, parameters);
		return (body != null) ? UnknownSessionResponse.badRequest(body) : null;
	}

	private byte[] check(FullHttpRequest request, Map<String, List<String>> parameters) {
		String transport = first(parameters, "transport");
		if (transport == null || !this.transports.contains(transport)) {
			return TRANSPORT_UNKNOWN;
		}
		if ("websocket".equals(transport)
				&& !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
			return BAD_REQUEST;
		}
		if (!isNumber(first(parameters, "j")) || !isFlag(first(parameters, "b64"))) {
			return BAD_REQUEST;
		}
		String sid = EngineIoSessionId.of(parameters);
		if (sid == null) {
			HttpMethod method = request.method();
			return (HttpMethod.GET.equals(method) || HttpMethod.OPTIONS.equals(method)) ? null : BAD_HANDSHAKE_METHOD;
		}
		UUID sessionId = EngineIoSessionId.parse(sid);
		if (sessionId == null) {
			return BAD_REQUEST;
		}
		return this.sessions.contains(sessionId) ? null : UNKNOWN_SESSION;
	}

	private static String first(Map<String, List<String>> parameters, String name) {
		List<String> values = parameters.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/** Whether a {@code j} parameter is absent or what netty-socketio reads as an int. */
	private static boolean isNumber(String value) {
		if (value == null) {
			return true;
		}
		try {
			Integer.parseInt(value);
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/** Whether a {@code b64} parameter is absent or what netty-socketio reads as a flag. */
	private static boolean isFlag(String value) {
		return "true".equals(value) || "false".equals(value) || isNumber(value);
	}

}

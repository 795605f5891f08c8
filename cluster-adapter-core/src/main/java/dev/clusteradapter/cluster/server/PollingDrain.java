package dev.clusteradapter.cluster.server;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.protocol.Packet;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.PromiseNotifier;

import dev.clusteradapter.cluster.socketio.EngineIoSession;
import dev.clusteradapter.cluster.socketio.EngineIoSessions;
import dev.clusteradapter.cluster.socketio.OutboundPackets;

/**
 * Leaves the packets queued for a polling session that ends (the server disconnected it)
 * to its next poll, as Engine.IO drains a polling transport's buffer before it closes it.
 * <p>
 * netty-socketio forgets a session at once when it ends: the Socket.IO {@code disconnect}
 * packet of a client kicked between two polls waited for a poll that then found no session,
 * was answered {@code 400 Session ID unknown}, and the client saw a {@code transport error}
 * instead of {@code io server disconnect}: it took a kick for a network fault and came
 * straight back. Now the poll takes the packets (several polls when more than one
 * response's worth is left), for {@link #PATIENCE_SECONDS} at most; a poll that finds the
 * session gone even though it was known when the request came in is answered the same way.
 * No Engine.IO {@code close} packet follows them: the JavaScript client handles Socket.IO
 * packets a tick later than Engine.IO's, so a {@code close} in the same response would
 * overtake the {@code disconnect} ({@code transport close}); the client closes the session
 * itself once disconnected.
 */
@Sharable
final class PollingDrain extends ChannelDuplexHandler {

	/** How long the packets of an ended session wait for its next poll. */
	static final long PATIENCE_SECONDS = 5;

	private static final AttributeKey<UUID> POLLED_SESSION = AttributeKey.valueOf(PollingDrain.class, "polled");

	private final EngineIoSessions sessions;

	private final Map<UUID, EngineIoSession> ended = new ConcurrentHashMap<>();

	/**
	 * Creates the handler.
	 * @param sessions netty-socketio's sessions of this server
	 */
	PollingDrain(EngineIoSessions sessions) {
		this.sessions = sessions;
	}

	/**
	 * A session ends: when it polls and packets are queued for it, they wait for its next poll.
	 * To be called before netty-socketio forgets it, so that a poll always finds it in one
	 * place or the other.
	 * @param session the session
	 */
	void sessionEnded(EngineIoSession session) {
		if (session.currentTransport() != Transport.POLLING) {
			return;
		}
		Queue<Packet> queue = session.queue(Transport.POLLING);
		if (queue.isEmpty()) {
			return;
		}
		UUID sessionId = session.sessionId();
		this.ended.put(sessionId, session);
		GlobalEventExecutor.INSTANCE.schedule(() -> this.ended.remove(sessionId, session), PATIENCE_SECONDS,
				TimeUnit.SECONDS);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof FullHttpRequest request && HttpMethod.GET.equals(request.method())) {
			UUID sessionId = polledSession(request.uri());
			if (sessionId != null) {
				EngineIoSession session = this.sessions.contains(sessionId) ? null : waiting(sessionId);
				if (session != null) {
					String origin = request.headers().get(HttpHeaderNames.ORIGIN);
					request.release();
					OutboundPackets.origin(ctx.channel(), origin);
					drain(ctx, session);
					return;
				}
				ctx.channel().attr(POLLED_SESSION).set(sessionId);
			}
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		// netty-socketio's answer to a poll of a session it no longer knows: an empty 500
		if (msg instanceof HttpResponse response && !(msg instanceof FullHttpResponse)
				&& HttpResponseStatus.INTERNAL_SERVER_ERROR.equals(response.status())) {
			UUID sessionId = ctx.channel().attr(POLLED_SESSION).getAndSet(null);
			EngineIoSession session = (sessionId != null) ? waiting(sessionId) : null;
			if (session != null) {
				drain(ctx, session).addListener(new PromiseNotifier<>(promise));
				return;
			}
		}
		ctx.write(msg, promise);
	}

	/**
	 * An ended session whose packets still wait; one whose packets a poll that was waiting
	 * took meanwhile is forgotten, and its poll answered as for any unknown session.
	 */
	private EngineIoSession waiting(UUID sessionId) {
		EngineIoSession session = this.ended.get(sessionId);
		if (session != null && session.queue(Transport.POLLING).isEmpty()) {
			this.ended.remove(sessionId, session);
			return null;
		}
		return session;
	}

	private ChannelFuture drain(ChannelHandlerContext ctx, EngineIoSession session) {
		// the starter's encoder writes the response on this event loop, then closes the connection
		ChannelFuture written = ctx.channel().writeAndFlush(OutboundPackets.request(session, Transport.POLLING));
		if (session.queue(Transport.POLLING).isEmpty()) {
			this.ended.remove(session.sessionId(), session);
		}
		return written;
	}

	private static UUID polledSession(String uri) {
		if (!uri.contains("transport=polling") || !uri.contains("sid=")) {
			return null;
		}
		List<String> sid = new QueryStringDecoder(uri).parameters().get("sid");
		if (sid == null || sid.isEmpty() || sid.get(0).length() != 36) {
			return null;
		}
		try {
			return UUID.fromString(sid.get(0));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}

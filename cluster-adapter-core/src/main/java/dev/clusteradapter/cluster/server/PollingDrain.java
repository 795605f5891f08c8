package dev.clusteradapter.cluster.server;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.ClientsBox;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.messages.OutPacketMessage;
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

	private final ClientsBox clients;

	private final Map<UUID, ClientHead> ended = new ConcurrentHashMap<>();

	/**
	 * Creates the handler.
	 * @param clients netty-socketio's sessions of this server
	 */
	PollingDrain(ClientsBox clients) {
		this.clients = clients;
	}

	/**
	 * A session ends: when it polls and packets are queued for it, they wait for its next poll.
	 * To be called before netty-socketio forgets it, so that a poll always finds it in one
	 * place or the other.
	 * @param client the session
	 */
	void sessionEnded(ClientHead client) {
		if (client.getCurrentTransport() != Transport.POLLING) {
			return;
		}
		Queue<Packet> queue = client.getPacketsQueue(Transport.POLLING);
		if (queue.isEmpty()) {
			return;
		}
		UUID sessionId = client.getSessionId();
		this.ended.put(sessionId, client);
		GlobalEventExecutor.INSTANCE.schedule(() -> this.ended.remove(sessionId, client), PATIENCE_SECONDS,
				TimeUnit.SECONDS);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof FullHttpRequest request && HttpMethod.GET.equals(request.method())) {
			UUID sessionId = polledSession(request.uri());
			if (sessionId != null) {
				ClientHead client = (this.clients.get(sessionId) == null) ? waiting(sessionId) : null;
				if (client != null) {
					String origin = request.headers().get(HttpHeaderNames.ORIGIN);
					request.release();
					ctx.channel().attr(EncoderHandler.ORIGIN).set(origin);
					drain(ctx, client);
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
			ClientHead client = (sessionId != null) ? waiting(sessionId) : null;
			if (client != null) {
				drain(ctx, client).addListener(new PromiseNotifier<>(promise));
				return;
			}
		}
		ctx.write(msg, promise);
	}

	/**
	 * An ended session whose packets still wait; one whose packets a poll that was waiting
	 * took meanwhile is forgotten, and its poll answered as for any unknown session.
	 */
	private ClientHead waiting(UUID sessionId) {
		ClientHead client = this.ended.get(sessionId);
		if (client != null && client.getPacketsQueue(Transport.POLLING).isEmpty()) {
			this.ended.remove(sessionId, client);
			return null;
		}
		return client;
	}

	private ChannelFuture drain(ChannelHandlerContext ctx, ClientHead client) {
		// the starter's encoder writes the response on this event loop, then closes the connection
		ChannelFuture written = ctx.channel().writeAndFlush(new OutPacketMessage(client, Transport.POLLING));
		if (client.getPacketsQueue(Transport.POLLING).isEmpty()) {
			this.ended.remove(client.getSessionId(), client);
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

package dev.clusteradapter.cluster.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clusteradapter.cluster.adapter.ConnectionRecovery;
import dev.clusteradapter.cluster.adapter.Restoration;
import dev.clusteradapter.cluster.socketio.EngineIoSession;
import dev.clusteradapter.cluster.socketio.InboundPackets;

/**
 * Connection state recovery at a namespace CONNECT, before netty-socketio's packet handler
 * sees it. Every CONNECT gets a private session id, which the answer carries (see {@link
 * PacketSerializer}); one whose auth carries {@code pid} and {@code offset} (the official
 * client sends them after a disconnection) is held while the cluster looks for that session,
 * and then handed to netty-socketio's packet handler, the socket set to take it over. With
 * {@code skipMiddlewares}, a restored CONNECT reaches netty-socketio without its auth payload,
 * so the namespace's auth listeners are not asked; the payload is recorded in the handshake
 * data all the same.
 */
@ChannelHandler.Sharable
final class ConnectionRecoveryHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionRecoveryHandler.class);

	private static final ObjectMapper json = new ObjectMapper();

	private static final TypeReference<Map<String, Object>> AUTH = new TypeReference<>() {
	};

	/** How often, and how many times, to check that this node caught up with the one that answered. */
	private static final long CATCH_UP_POLL_MILLIS = 5;

	private static final int CATCH_UP_POLLS = 400;

	private final ConnectionRecovery recovery;

	private final String packetHandler;

	ConnectionRecoveryHandler(ConnectionRecovery recovery, String packetHandler) {
		this.recovery = recovery;
		this.packetHandler = packetHandler;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		InboundPackets packets = InboundPackets.of(msg);
		Connect connect = (packets != null && this.recovery.enabled()) ? Connect.parse(packets.content()) : null;
		if (connect == null) {
			ctx.fireChannelRead(msg);
			return;
		}
		EngineIoSession session = packets.session();
		String pid = connect.string("pid");
		String offset = connect.string("offset");
		ChannelHandler next = ctx.pipeline().get(this.packetHandler);
		if (pid == null || offset == null || !(next instanceof ChannelInboundHandler handler)) {
			this.recovery.connecting(session.sessionId(), connect.nsp(), this.recovery.newPid(), null);
			ctx.fireChannelRead(msg);
			this.recovery.connected(session.sessionId(), connect.nsp());
			return;
		}
		this.recovery.holding(session.sessionId(), connect.nsp());
		// whoever passed the bytes frees them when this returns
		ByteBuf held = Unpooled.copiedBuffer(packets.content());
		this.recovery.restore(pid, offset).whenComplete((restoration, failure) -> {
			try {
				ctx.executor().execute(() -> resume(ctx, handler, packets, held, session, connect, restoration, 0));
			}
			catch (RuntimeException ex) {
				// the server is stopping
				held.release();
			}
		});
	}

	/** Passes a held CONNECT on once this node has received what the answering node had. */
	private void resume(ChannelHandlerContext ctx, ChannelInboundHandler handler, InboundPackets packets, ByteBuf held,
			EngineIoSession session, Connect connect, Restoration restoration, int polls) {
		if (restoration != null && polls < CATCH_UP_POLLS && !this.recovery.caughtUp(restoration)) {
			ctx.executor().schedule(() -> resume(ctx, handler, packets, held, session, connect, restoration, polls + 1),
					CATCH_UP_POLL_MILLIS, TimeUnit.MILLISECONDS);
			return;
		}
		if (!session.isOpen()) {
			held.release();
			this.recovery.sessionEnded(session.sessionId());
			return;
		}
		ByteBuf content = held;
		if (restoration != null) {
			this.recovery.connecting(session.sessionId(), connect.nsp(), restoration.pid(), restoration);
			if (this.recovery.options().skipMiddlewares()) {
				session.authToken(connect.auth());
				held.release();
				content = Unpooled.copiedBuffer(connect.withoutAuth(), StandardCharsets.UTF_8);
			}
		}
		else {
			this.recovery.connecting(session.sessionId(), connect.nsp(), this.recovery.newPid(), null);
		}
		try {
			handler.channelRead(ctx, packets.withContent(content));
			this.recovery.connected(session.sessionId(), connect.nsp());
		}
		catch (Exception ex) {
			logger.warn("CONNECT of session {} failed", session.sessionId(), ex);
		}
		finally {
			content.release();
		}
	}

	/**
	 * A namespace CONNECT packet, as an Engine.IO message: {@code 40}, the namespace and a
	 * comma unless it is {@code /}, then the auth payload, if any.
	 *
	 * @param nsp the namespace, socket.io style
	 * @param auth the auth payload, or {@code null}
	 */
	record Connect(String nsp, Map<String, Object> auth) {

		static Connect parse(ByteBuf content) {
			int start = content.readerIndex();
			if (content.readableBytes() < 2 || content.getByte(start) != '4' || content.getByte(start + 1) != '0') {
				return null;
			}
			String text = content.toString(start + 2, content.readableBytes() - 2, StandardCharsets.UTF_8);
			String nsp = "/";
			String payload = text;
			if (text.startsWith("/")) {
				int comma = text.indexOf(',');
				nsp = (comma < 0) ? text : text.substring(0, comma);
				payload = (comma < 0) ? "" : text.substring(comma + 1);
			}
			Map<String, Object> auth = null;
			if (payload.startsWith("{")) {
				try {
					auth = json.readValue(payload, AUTH);
				}
				catch (Exception ex) {
					// netty-socketio answers a malformed payload itself
				}
			}
			return new Connect(nsp, auth);
		}

		String string(String key) {
			return (this.auth != null && this.auth.get(key) instanceof String value) ? value : null;
		}

		String withoutAuth() {
			return "40" + ("/".equals(this.nsp) ? "" : this.nsp);
		}

	}

}

package dev.clusteradapter.cluster.server;

import java.util.Queue;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.protocol.Packet;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;

import dev.clusteradapter.cluster.socketio.EngineIoSession;

/**
 * Holds the packets queued for a session to the outbound limit, as {@link OutboundLimit}
 * holds a connection's write buffer: a polling client's packets wait in its session until
 * it polls, so one that stops polling would otherwise gather every broadcast until its
 * ping times out. Right after netty-socketio's handshake created a session, its polling
 * queue becomes a {@link LimitedPacketQueue}; a client that passes the limit is logged and
 * counted once, and disconnected on the event loop of its handshake, its connections closed
 * at once.
 */
@Sharable
final class SessionQueueLimit extends ChannelInboundHandlerAdapter {

	private final SlowClients slowClients;

	/**
	 * Creates the handler.
	 * @param slowClients the limit, and where a client cut off is reported
	 */
	SessionQueueLimit(SlowClients slowClients) {
		this.slowClients = slowClients;
	}

	/**
	 * Whether a session was cut off for passing the limit.
	 * @param session the session
	 * @return {@code true} when one of its queues passed the limit
	 */
	static boolean isCutOff(EngineIoSession session) {
		for (Queue<Packet> packets : session.queues()) {
			if (packets instanceof LimitedPacketQueue queue && queue.isCutOff()) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		// netty-socketio names the session on the connection of its handshake only
		EngineIoSession session = EngineIoSession.of(ctx.channel());
		if (session != null && msg instanceof FullHttpRequest) {
			limit(session, ctx.channel().eventLoop());
		}
		ctx.fireChannelRead(msg);
	}

	private void limit(EngineIoSession session, EventLoop eventLoop) {
		session.replaceQueue(Transport.POLLING,
				(queue) -> (queue instanceof LimitedPacketQueue) ? queue : limited(session, eventLoop, queue));
	}

	private LimitedPacketQueue limited(EngineIoSession session, EventLoop eventLoop, Queue<Packet> queue) {
		LimitedPacketQueue limited = new LimitedPacketQueue(this.slowClients.limit(),
				() -> session.currentTransport() == Transport.POLLING, (waiting) -> {
					this.slowClients.cutOff(session.sessionId(), SlowClientReason.OUTBOUND_LIMIT, waiting);
					eventLoop.execute(session::disconnect);
				});
		// the handshake's open packet, queued before the session was known here
		Packet packet;
		while ((packet = queue.poll()) != null) {
			limited.offer(packet);
		}
		return limited;
	}

}

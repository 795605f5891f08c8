package dev.clusteradapter.cluster.server;

import java.nio.channels.ClosedChannelException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import dev.clusteradapter.cluster.socketio.EngineIoSession;
import dev.clusteradapter.cluster.socketio.EngineIoSessions;

/**
 * The first handler of every connection, next to the socket: disconnects a client that
 * does not read what it is sent, before it holds the worker's memory without limit.
 * <p>
 * What a connection's socket does not take waits in its write buffer. While more than
 * {@link SlowClients#limit()} bytes wait there (the kernel's buffers full, the socket
 * given what it takes), the next write closes the connection instead, which drops all that
 * waited; the client is logged and counted once. So a connection never holds more than the
 * limit plus one message, and a message larger than the limit still reaches a client that
 * reads. Bytes are counted as the memory the buffers hold (see {@link HeldMemoryEstimator}). The check costs nothing while the connection is writable (Netty's write buffer
 * water mark, never above the limit): netty-socketio drops volatile events for a client
 * that is not writable, so volatile events alone never get it disconnected.
 */
@Sharable
final class OutboundLimit extends ChannelOutboundHandlerAdapter {

	private static final AttributeKey<Boolean> CUT_OFF = AttributeKey.valueOf(OutboundLimit.class, "cutOff");

	private final SlowClients slowClients;

	private final EngineIoSessions sessions;

	/**
	 * Creates the handler.
	 * @param slowClients the limit, and where a client cut off is reported
	 * @param sessions netty-socketio's sessions, to name the client in the log, or {@code null}
	 */
	OutboundLimit(SlowClients slowClients, EngineIoSessions sessions) {
		this.slowClients = slowClients;
		this.sessions = sessions;
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		Channel channel = ctx.channel();
		if (!channel.isWritable()) {
			ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
			long limit = this.slowClients.limit();
			if (buffer != null && buffer.totalPendingWriteBytes() > limit) {
				// what this write follows may not have been offered to the socket yet
				ctx.flush();
				long waiting = buffer.totalPendingWriteBytes();
				if (waiting > limit) {
					ReferenceCountUtil.release(msg);
					promise.tryFailure(new ClosedChannelException());
					cutOff(channel, waiting);
					return;
				}
			}
		}
		ctx.write(msg, promise);
	}

	private void cutOff(Channel channel, long waiting) {
		if (channel.attr(CUT_OFF).setIfAbsent(Boolean.TRUE) == null) {
			EngineIoSession session = (this.sessions != null) ? this.sessions.boundTo(channel) : null;
			this.slowClients.cutOff((session != null) ? session.sessionId() : channel.remoteAddress(),
					SlowClientReason.OUTBOUND_LIMIT, waiting);
		}
		channel.close();
	}

}

package dev.clusteradapter.cluster.server;

import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

import dev.clusteradapter.cluster.socketio.EngineIoSession;

/**
 * Closes the connections a session leaves open when it ends, and frees what waited for
 * them: at once for a client cut off by the outbound limit; otherwise once
 * {@link #PATIENCE_SECONDS} have passed, time for the last packets (Socket.IO's
 * {@code disconnect}) to reach a client that reads. A connection that still had bytes
 * waiting then is a client that stopped reading: logged and counted.
 * <p>
 * netty-socketio closes a connection only once its last packet was written: when a
 * client's ping times out because it stopped reading, that never happens, and the
 * connection stayed open, holding everything queued for it.
 */
final class EndedSessionConnections {

	/** How long the connections of an ended session may take to deliver its last packets. */
	static final long PATIENCE_SECONDS = PollingDrain.PATIENCE_SECONDS;

	private final SlowClients slowClients;

	/**
	 * Creates the closer.
	 * @param slowClients where a client that stopped reading is reported
	 */
	EndedSessionConnections(SlowClients slowClients) {
		this.slowClients = slowClients;
	}

	/**
	 * A session ended.
	 * @param session the session
	 */
	void sessionEnded(EngineIoSession session) {
		boolean cutOff = SessionQueueLimit.isCutOff(session);
		for (Channel channel : session.connections()) {
			if (!channel.isOpen()) {
				continue;
			}
			if (cutOff) {
				channel.close();
			}
			else {
				channel.eventLoop().schedule(() -> closeLeftOpen(session, channel), PATIENCE_SECONDS, TimeUnit.SECONDS);
			}
		}
	}

	private void closeLeftOpen(EngineIoSession session, Channel channel) {
		if (!channel.isOpen()) {
			return;
		}
		ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
		long waiting = (buffer != null) ? buffer.totalPendingWriteBytes() : 0;
		if (waiting > 0) {
			this.slowClients.cutOff(session.sessionId(), SlowClientReason.CLOSE_TIMEOUT, waiting);
		}
		channel.close();
	}

}

package dev.clusteradapter.cluster.server;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.util.concurrent.GlobalEventExecutor;

import dev.clusteradapter.cluster.socketio.EngineIoSession;

/**
 * Every open client connection of a server, to close them when it stops. A polling client
 * first gets an Engine.IO {@code close} packet, so that it sees its transport closed rather
 * than failed. A WebSocket is simply closed: the Java client (OkHttp) stops reading after a
 * close frame and never answers it, so it would only notice the end at its ping timeout,
 * while a bare close lets every client notice at once and reconnect.
 */
final class ClientConnections {

	private final ChannelGroup channels = new DefaultChannelGroup("socket.io-clients", GlobalEventExecutor.INSTANCE);

	/**
	 * Tracks a connection until it closes.
	 * @param channel the connection
	 */
	void add(Channel channel) {
		this.channels.add(channel);
	}

	/**
	 * Connections open.
	 * @return how many
	 */
	int open() {
		return this.channels.size();
	}

	/**
	 * The most bytes waiting to be sent on one connection, queued in the connection's write
	 * buffer because its socket takes no more.
	 * @return the bytes
	 */
	long maxPendingWriteBytes() {
		long max = 0;
		for (Channel channel : this.channels) {
			ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
			if (buffer != null) {
				max = Math.max(max, buffer.totalPendingWriteBytes());
			}
		}
		return max;
	}

	/**
	 * Tells every polling client goodbye, closes the WebSockets, waits for the polling
	 * clients to take their goodbye (a client between two polls takes it with its next one)
	 * and for the connections that carry it to close, then closes those left.
	 * @param clients the connected Socket.IO clients, of every namespace
	 * @param patience how long to wait for the goodbyes to go out
	 */
	void closeAll(Collection<SocketIOClient> clients, Duration patience) {
		// a session in several namespaces is told once
		Set<EngineIoSession> polling = new HashSet<>();
		for (SocketIOClient client : clients) {
			EngineIoSession session = EngineIoSession.of(client);
			if (session != null && session.currentTransport() == Transport.POLLING) {
				polling.add(session);
			}
		}
		polling.forEach(EngineIoSession::sendPollingClose);
		for (Channel channel : this.channels) {
			if (channel.pipeline().get(WebSocketFrameEncoder.class) != null) {
				channel.close();
			}
		}
		long deadline = System.nanoTime() + patience.toNanos();
		// a client between two polls takes its goodbye with its next poll, on a connection
		// that is not open yet: wait for the packets to be taken, not only for the
		// connections open now
		while (!taken(polling) && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
			sleep(10);
		}
		// polling connections close once their close packet is out
		this.channels.newCloseFuture().awaitUninterruptibly(Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
		this.channels.close().awaitUninterruptibly(patience.toMillis());
	}

	private static boolean taken(Set<EngineIoSession> polling) {
		for (EngineIoSession session : polling) {
			if (!session.queue(Transport.POLLING).isEmpty()) {
				return false;
			}
		}
		return true;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

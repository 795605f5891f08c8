package dev.clusteradapter.cluster.socketio;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.TransportState;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.channel.Channel;

/**
 * One Engine.IO session of a netty-socketio server: its {@code ClientHead}, which holds the
 * session's packet queues, its transport and the slot for a binary packet awaiting its
 * attachments. A short-lived view: two views of one session are {@link #equals equal}, and
 * {@link #lock()} is what netty-socketio itself synchronises on.
 */
public final class EngineIoSession {

	private final ClientHead head;

	EngineIoSession(ClientHead head) {
		this.head = head;
	}

	/**
	 * The session of a client that netty-socketio serves here.
	 * @param client a client of one of this server's namespaces
	 * @return its session, or {@code null} for any other client (a view of another worker's)
	 */
	public static EngineIoSession of(SocketIOClient client) {
		return (client instanceof NamespaceClient namespaceClient) ? new EngineIoSession(namespaceClient.getBaseClient())
				: null;
	}

	/**
	 * The session a connection serves, once netty-socketio has bound it (a WebSocket, or the
	 * polling request being answered).
	 * @param channel a client connection
	 * @return its session, or {@code null} before the handshake
	 */
	public static EngineIoSession of(Channel channel) {
		ClientHead head = channel.attr(ClientHead.CLIENT).get();
		return (head != null) ? new EngineIoSession(head) : null;
	}

	/**
	 * Session id.
	 * @return the id
	 */
	public UUID sessionId() {
		return this.head.getSessionId();
	}

	/**
	 * Engine.IO protocol version the client speaks.
	 * @return the version
	 */
	public EngineIOVersion engineIoVersion() {
		return this.head.getEngineIOVersion();
	}

	/**
	 * Whether the client speaks Engine.IO v4 (Socket.IO 3 and 4 clients).
	 * @return {@code true} for v4
	 */
	public boolean isV4() {
		return EngineIOVersion.V4.equals(this.head.getEngineIOVersion());
	}

	/**
	 * Transport the session currently sends on.
	 * @return polling until an upgrade completes, then WebSocket
	 */
	public Transport currentTransport() {
		return this.head.getCurrentTransport();
	}

	/**
	 * Packets waiting to be written on a transport. The encoder that drains it owns it.
	 * @param transport the transport
	 * @return the queue
	 */
	public Queue<Packet> queue(Transport transport) {
		return this.head.getPacketsQueue(transport);
	}

	/**
	 * The packet queue of each transport, as it is now (see {@link #replaceQueue}).
	 * @return the queues, empty when this netty-socketio version keeps them out of reach
	 */
	public List<Queue<Packet>> queues() {
		List<Queue<Packet>> queues = new ArrayList<>(2);
		for (TransportState state : SessionTransports.of(this.head)) {
			queues.add(state.getPacketsQueue());
		}
		return queues;
	}

	/**
	 * Puts another queue in place of a transport's packet queue, from which netty-socketio's
	 * encoders then take what to write. Call it on the event loop of the session's connection.
	 * @param transport the transport
	 * @param replacement given the queue in place, returns the one to put there (the same to
	 * keep it); packets already queued are for it to carry over
	 * @return {@code false} when this netty-socketio version keeps the queue out of reach
	 */
	public boolean replaceQueue(Transport transport, UnaryOperator<Queue<Packet>> replacement) {
		TransportState state = SessionTransports.of(this.head, transport);
		if (state == null) {
			return false;
		}
		Queue<Packet> current = state.getPacketsQueue();
		Queue<Packet> next = replacement.apply(current);
		if (next != current) {
			state.setPacketsQueue(next);
		}
		return true;
	}

	/**
	 * The connections of the session's transports, open or not.
	 * @return the connections, empty when this netty-socketio version keeps them out of reach
	 */
	public List<Channel> connections() {
		return SessionTransports.channels(this.head);
	}

	/**
	 * Queues a packet on a transport and writes it when the transport can.
	 * @param packet the packet
	 * @param transport the transport
	 */
	public void send(Packet packet, Transport transport) {
		this.head.send(packet, transport);
	}

	/**
	 * Sends Engine.IO's {@code close} packet to a polling client, which then sees its transport
	 * closed rather than failed.
	 */
	public void sendPollingClose() {
		send(new Packet(PacketType.CLOSE, engineIoVersion()), Transport.POLLING);
	}

	/**
	 * Disconnects the client from the server, as {@code SocketIOClient.disconnect()} does, for
	 * every namespace: each gets Socket.IO's {@code disconnect} packet and the session ends.
	 */
	public void disconnect() {
		this.head.disconnect();
	}

	/**
	 * Whether the session is still open: {@code false} once its connection is gone (closed,
	 * failed, timed out) or the server ended it, from before its namespaces' disconnect
	 * listeners run; a socket that disconnects from a namespace on its own leaves it open.
	 * @return whether it is open
	 */
	public boolean isOpen() {
		return this.head.isConnected();
	}

	/**
	 * Records the auth payload of a namespace CONNECT in the session's handshake data, as
	 * netty-socketio does before it asks the namespace's auth listeners.
	 * @param auth the payload
	 */
	public void authToken(Object auth) {
		this.head.getHandshakeData().setAuthToken(auth);
	}

	/**
	 * Ends the session as netty-socketio does when its connection is gone: every namespace's
	 * disconnect listeners run and the session is forgotten.
	 */
	public void end() {
		this.head.onChannelDisconnect();
	}

	/**
	 * The binary packet whose attachments are still expected, kept with the session so that
	 * it lives and dies with it (netty-socketio's own decoder reads this slot too).
	 * @return the packet, or {@code null}
	 */
	public Packet lastBinaryPacket() {
		return this.head.getLastBinaryPacket();
	}

	/**
	 * Sets the binary packet whose attachments are still expected.
	 * @param packet the packet, or {@code null} to clear the slot
	 */
	public void lastBinaryPacket(Packet packet) {
		this.head.setLastBinaryPacket(packet);
	}

	/**
	 * The object to synchronise on for the session's binary packet slot, which the reads of
	 * both transports touch during an upgrade.
	 * @return the lock, the same for every view of this session
	 */
	public Object lock() {
		return this.head;
	}

	ClientHead head() {
		return this.head;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof EngineIoSession session) && session.head == this.head;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this.head);
	}

	@Override
	public String toString() {
		return "EngineIoSession[" + this.head.getSessionId() + "]";
	}

}

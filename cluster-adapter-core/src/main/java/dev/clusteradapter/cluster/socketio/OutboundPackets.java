package dev.clusteradapter.cluster.socketio;

import java.util.Queue;
import java.util.UUID;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.handler.TransportState;
import com.corundumstudio.socketio.messages.OutPacketMessage;
import com.corundumstudio.socketio.protocol.Packet;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundInvoker;

/**
 * netty-socketio's request to write what a session has queued on a transport (its
 * {@code OutPacketMessage}), which its {@code EncoderHandler} would otherwise serve, and the
 * per-connection state that handler keeps for polling responses.
 */
public final class OutboundPackets {

	private final ClientHead head;

	private final Transport transport;

	private final UUID cookieSessionId;

	private final WebSocketRequest gathered;

	private OutboundPackets(ClientHead head, Transport transport, UUID cookieSessionId, WebSocketRequest gathered) {
		this.head = head;
		this.transport = transport;
		this.cookieSessionId = cookieSessionId;
		this.gathered = gathered;
	}

	/**
	 * Reads a message of the pipeline.
	 * @param msg a message being written
	 * @return the request, or {@code null} when {@code msg} is something else
	 */
	public static OutboundPackets of(Object msg) {
		if (msg instanceof OutPacketMessage out) {
			return new OutboundPackets(out.getClientHead(), out.getTransport(), out.getSessionId(), null);
		}
		if (msg instanceof WebSocketRequest request) {
			return new OutboundPackets(request.head, Transport.WEBSOCKET, null, request);
		}
		return null;
	}

	/**
	 * A request to write what a session has queued on a transport, as netty-socketio makes
	 * one when a client polls: written to a polling request's connection, the starter's
	 * encoder answers the request with the session's packets.
	 * @param session the session
	 * @param transport the transport whose queue to write
	 * @return the message to write
	 */
	public static Object request(EngineIoSession session, Transport transport) {
		return new OutPacketMessage(session.head(), transport);
	}

	/**
	 * A request to write what an Engine.IO v4 session has queued on its WebSocket, which only
	 * the starter's encoder serves (netty-socketio's passes it on unread): netty-socketio's own
	 * request looks the handshake's {@code Origin} header up each time it is made, once per
	 * recipient of a broadcast, for the CORS headers of a polling response. Its writer
	 * ({@link GatheredWrites}) flushes the connection itself, once for every broadcast that
	 * reached it together: the encoder does not.
	 * @param head the session
	 * @param webSocket the state of its WebSocket transport, as its sender found it
	 * @return the message to write
	 */
	static WebSocketRequest webSocketRequest(ClientHead head, TransportState webSocket) {
		return new WebSocketRequest(head, webSocket);
	}

	/**
	 * Session whose queue to write.
	 * @return the session
	 */
	public EngineIoSession session() {
		return new EngineIoSession(this.head);
	}

	/**
	 * Packets waiting to be written on the request's transport, taken from the transport's
	 * state where the request's maker found it already.
	 * @return the queue
	 */
	public Queue<Packet> queue() {
		if (this.gathered != null) {
			return this.gathered.webSocket.getPacketsQueue();
		}
		return this.head.getPacketsQueue(this.transport);
	}

	/**
	 * Transport to write on.
	 * @return the transport
	 */
	public Transport transport() {
		return this.transport;
	}

	/**
	 * Whether the writer of the request flushes the connection itself ({@link GatheredWrites},
	 * once for the broadcasts that reached it together); else the encoder flushes what it
	 * writes.
	 * @return {@code true} for a broadcast's gathered writes
	 */
	public boolean flushedByWriter() {
		return this.gathered != null;
	}

	/**
	 * Tells the writer of a request it {@link #flushedByWriter() flushes itself} where the
	 * encoder wrote the frames, to flush them from there.
	 * @param entry the context the frames were written to
	 */
	public void flushAt(ChannelOutboundInvoker entry) {
		if (this.gathered != null) {
			this.gathered.flushAt = entry;
		}
	}

	/**
	 * Session id to set as the {@code io} cookie of a polling response.
	 * @return the id, or {@code null} for none
	 */
	public UUID cookieSessionId() {
		return this.cookieSessionId;
	}

	/**
	 * Claims the one response a polling request gets: netty-socketio's encoder and this
	 * starter's share the flag, so that the request is answered once.
	 * @param channel the polling request's connection
	 * @return {@code true} for the first claim only
	 */
	public static boolean claimPollingResponse(Channel channel) {
		return channel.attr(EncoderHandler.WRITE_ONCE).compareAndSet(null, true);
	}

	/**
	 * The {@code Origin} of the request a connection carries, as netty-socketio recorded it
	 * for its CORS headers.
	 * @param channel the connection
	 * @return the origin, or {@code null}
	 */
	public static String origin(Channel channel) {
		return channel.attr(EncoderHandler.ORIGIN).get();
	}

	/**
	 * Records the {@code Origin} of the request a connection carries, as netty-socketio does
	 * for the CORS headers of its answer, for a request answered without netty-socketio's
	 * transports.
	 * @param channel the connection
	 * @param origin the request's origin, or {@code null}
	 */
	public static void origin(Channel channel, String origin) {
		channel.attr(EncoderHandler.ORIGIN).set(origin);
	}

	/**
	 * A broadcast's request to write a WebSocket session's queue; the encoder that serves it
	 * says where it wrote the frames, on the connection's event loop, before the write returns.
	 */
	static final class WebSocketRequest {

		private final ClientHead head;

		private final TransportState webSocket;

		private ChannelOutboundInvoker flushAt;

		private WebSocketRequest(ClientHead head, TransportState webSocket) {
			this.head = head;
			this.webSocket = webSocket;
		}

		/**
		 * Where to flush the frames written for the request.
		 * @param channel the connection the request was written to
		 * @return the context the encoder wrote at, or the connection when none said
		 */
		ChannelOutboundInvoker flushAt(Channel channel) {
			return (this.flushAt != null) ? this.flushAt : channel;
		}

	}

}

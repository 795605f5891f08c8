package dev.clusteradapter.cluster.socketio;

import java.util.UUID;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.messages.OutPacketMessage;
import io.netty.channel.Channel;

/**
 * netty-socketio's request to write what a session has queued on a transport (its
 * {@code OutPacketMessage}), which its {@code EncoderHandler} would otherwise serve, and the
 * per-connection state that handler keeps for polling responses.
 */
public final class OutboundPackets {

	private final OutPacketMessage message;

	private OutboundPackets(OutPacketMessage message) {
		this.message = message;
	}

	/**
	 * Reads a message of the pipeline.
	 * @param msg a message being written
	 * @return the request, or {@code null} when {@code msg} is something else
	 */
	public static OutboundPackets of(Object msg) {
		return (msg instanceof OutPacketMessage out) ? new OutboundPackets(out) : null;
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
	 * Session whose queue to write.
	 * @return the session
	 */
	public EngineIoSession session() {
		return new EngineIoSession(this.message.getClientHead());
	}

	/**
	 * Transport to write on.
	 * @return the transport
	 */
	public Transport transport() {
		return this.message.getTransport();
	}

	/**
	 * Session id to set as the {@code io} cookie of a polling response.
	 * @return the id, or {@code null} for none
	 */
	public UUID cookieSessionId() {
		return this.message.getSessionId();
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

}

package dev.clusteradapter.cluster.socketio;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.messages.PacketsMessage;
import io.netty.buffer.ByteBuf;

/**
 * What a client sent, as netty-socketio's transports pass it on to its packet handler (its
 * {@code PacketsMessage}): the session, the transport and the bytes, one polling body or
 * one WebSocket message.
 */
public final class InboundPackets {

	private final PacketsMessage message;

	private InboundPackets(PacketsMessage message) {
		this.message = message;
	}

	/**
	 * Reads a message of the pipeline.
	 * @param msg a message passing a channel handler
	 * @return the packets, or {@code null} when {@code msg} is something else
	 */
	public static InboundPackets of(Object msg) {
		return (msg instanceof PacketsMessage packets) ? new InboundPackets(packets) : null;
	}

	/**
	 * Session that sent them.
	 * @return the session
	 */
	public EngineIoSession session() {
		return new EngineIoSession(this.message.getClient());
	}

	/**
	 * Transport they came over.
	 * @return the transport
	 */
	public Transport transport() {
		return this.message.getTransport();
	}

	/**
	 * The bytes.
	 * @return the content, owned by the message
	 */
	public ByteBuf content() {
		return this.message.getContent();
	}

	/**
	 * A message of the same session and transport carrying other bytes, for netty-socketio's
	 * packet handler.
	 * @param content the bytes: one complete text packet
	 * @return the message to fire
	 */
	public Object withContent(ByteBuf content) {
		return new PacketsMessage(this.message.getClient(), content, this.message.getTransport());
	}

}

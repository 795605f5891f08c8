package dev.clusteradapter.cluster.server;

import java.util.ArrayList;
import java.util.List;

import com.corundumstudio.socketio.protocol.Packet;
import io.netty.buffer.ByteBuf;

import dev.clusteradapter.cluster.socketio.EngineIoSession;

/**
 * A binary Socket.IO packet whose attachments are still on their way, kept in its
 * session's {@link EngineIoSession#lastBinaryPacket(Packet) last binary packet} slot so that it lives
 * and dies with the session. It announces no attachments of its own, so netty-socketio's
 * decoder, which reads that slot too, leaves it alone.
 */
final class PendingBinaryPacket extends Packet {

	private static final long serialVersionUID = 1L;

	private final transient ByteBuf text;

	private final int expected;

	private final transient List<byte[]> received;

	/**
	 * Creates a pending packet.
	 * @param text the packet as the text packet netty-socketio reads
	 * @param expected how many attachments it announced
	 */
	PendingBinaryPacket(ByteBuf text, int expected) {
		this.text = text;
		this.expected = expected;
		this.received = new ArrayList<>(Math.min(expected, 16));
	}

	ByteBuf text() {
		return this.text;
	}

	/**
	 * Adds the next attachment.
	 * @param attachment its bytes
	 * @return whether all attachments have arrived
	 */
	boolean add(byte[] attachment) {
		this.received.add(attachment);
		return isComplete();
	}

	boolean isComplete() {
		return this.received.size() >= this.expected;
	}

	List<byte[]> attachments() {
		return this.received;
	}

}

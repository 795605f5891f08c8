package dev.clusteradapter.cluster.socketio;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Whole WebSocket frames as a server sends them (RFC 6455, 5.2: final, unmasked), built once
 * to be written by many connections.
 * <pre>
 *  0x80|opcode | length (&lt; 126)                | payload
 *  0x80|opcode | 126 | length (16 bits)          | payload
 *  0x80|opcode | 127 | length (64 bits)          | payload
 * </pre>
 */
final class ServerWebSocketFrames {

	static final int TEXT = 0x1;

	static final int BINARY = 0x2;

	/**
	 * Frames up to this size live off the heap, so that the native transport writes them as
	 * they are; larger ones stay on the heap, copied by the transport per write as any heap
	 * buffer, so that a few large broadcasts do not hold direct memory until a collection.
	 */
	static final int MAX_DIRECT = 64 * 1024;

	private ServerWebSocketFrames() {
	}

	/**
	 * A frame whose {@link ByteBuf#duplicate() duplicates} any number of connections may
	 * write at once. Its memory is the garbage collector's: releasing it does nothing.
	 * @param opcode {@link #TEXT} or {@link #BINARY}
	 * @param payload the payload
	 * @return the frame, shared: never modify it
	 */
	static ByteBuf shared(int opcode, byte[] payload) {
		int length = payload.length;
		int header = (length < 126) ? 2 : (length <= 0xFFFF) ? 4 : 10;
		int size = header + length;
		ByteBuf frame = (size <= MAX_DIRECT) ? Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(size))
				: Unpooled.wrappedBuffer(new byte[size]);
		frame.clear();
		frame.writeByte(0x80 | opcode);
		if (length < 126) {
			frame.writeByte(length);
		}
		else if (length <= 0xFFFF) {
			frame.writeByte(126).writeShort(length);
		}
		else {
			frame.writeByte(127).writeLong(length);
		}
		frame.writeBytes(payload);
		return Unpooled.unreleasableBuffer(frame);
	}

}

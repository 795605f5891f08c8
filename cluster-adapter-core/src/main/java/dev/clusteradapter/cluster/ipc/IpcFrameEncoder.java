package dev.clusteradapter.cluster.ipc;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

/**
 * Encodes {@link IpcFrame}s (layout in {@link IpcFrameCodec}). Large payloads are passed
 * on as they are, behind a separate header buffer, so a relayed payload is never copied.
 */
final class IpcFrameEncoder extends MessageToMessageEncoder<IpcFrame> {

	// Below this a copy is cheaper than a second buffer in the outbound queue and in writev.
	private static final int COPY_THRESHOLD = 1024;

	IpcFrameEncoder() {
		super(IpcFrame.class);
	}

	@Override
	protected void encode(ChannelHandlerContext ctx, IpcFrame frame, List<Object> out) {
		ByteBuf payload = frame.content();
		int length = payload.readableBytes();
		boolean copy = length <= COPY_THRESHOLD;
		ByteBuf header = ctx.alloc().ioBuffer(IpcFrameCodec.HEADER_LENGTH + (copy ? length : 0));
		header.writeShort(IpcFrameCodec.MAGIC)
			.writeByte(IpcFrameCodec.VERSION)
			.writeByte(0)
			.writeInt(length)
			.writeShort(frame.type())
			.writeInt(frame.source())
			.writeInt(frame.target());
		if (copy) {
			header.writeBytes(payload, payload.readerIndex(), length);
			out.add(header);
		}
		else {
			out.add(header);
			out.add(payload.retain());
		}
	}

}

package dev.clusteradapter.cluster.ipc;

import java.nio.ByteOrder;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Decodes {@link IpcFrame}s (layout in {@link IpcFrameCodec}). A bad frame closes the
 * connection quietly instead of raising an exception, so a hostile or broken peer cannot
 * flood the event loop's log.
 */
final class IpcFrameDecoder extends LengthFieldBasedFrameDecoder {

	private final IpcMetrics metrics;

	private boolean failed;

	IpcFrameDecoder(int maxFrameSize, IpcMetrics metrics) {
		super(ByteOrder.BIG_ENDIAN, maxFrameSize, IpcFrameCodec.LENGTH_OFFSET, 4,
				IpcFrameCodec.HEADER_LENGTH - IpcFrameCodec.LENGTH_OFFSET - 4, 0, true);
		this.metrics = metrics;
	}

	@Override
	protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
		if (this.failed) {
			in.skipBytes(in.readableBytes());
			return null;
		}
		// Check magic and version before trusting the length that follows them.
		int start = in.readerIndex();
		if ((in.readableBytes() >= 2 && in.getUnsignedShort(start) != IpcFrameCodec.MAGIC)
				|| (in.readableBytes() >= 3 && in.getUnsignedByte(start + 2) != IpcFrameCodec.VERSION)) {
			return fail(ctx, in);
		}
		ByteBuf frame;
		try {
			frame = (ByteBuf) super.decode(ctx, in);
		}
		catch (CorruptedFrameException | TooLongFrameException ex) {
			return fail(ctx, in);
		}
		if (frame == null) {
			return null;
		}
		try {
			int type = frame.getUnsignedShort(8);
			int source = frame.getInt(10);
			int target = frame.getInt(14);
			ByteBuf payload = frame.retainedSlice(IpcFrameCodec.HEADER_LENGTH,
					frame.readableBytes() - IpcFrameCodec.HEADER_LENGTH);
			return new IpcFrame(type, source, target, payload);
		}
		finally {
			frame.release();
		}
	}

	private Object fail(ChannelHandlerContext ctx, ByteBuf in) {
		this.failed = true;
		in.skipBytes(in.readableBytes());
		this.metrics.malformedFrame();
		ctx.close();
		return null;
	}

}

package dev.clusteradapter.cluster.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.FileRegion;
import io.netty.channel.MessageSizeEstimator;

/**
 * Sizes what waits in a connection's write buffer by the memory it holds, for the
 * {@link OutboundLimit} and the write buffer water mark: a buffer counts with the room its
 * allocator gave it, not only the bytes it carries. Netty's native transport copies a heap
 * buffer into a pooled direct one as it queues it, and the pool rounds each request up to a
 * size class (a frame of 10,264 bytes takes 12 KB); counting only the bytes carried let a
 * stalled client hold a fifth more than the limit.
 */
final class HeldMemoryEstimator implements MessageSizeEstimator {

	static final HeldMemoryEstimator INSTANCE = new HeldMemoryEstimator();

	/** As Netty's default estimator counts a message it does not know. */
	private static final int UNKNOWN_SIZE = 8;

	private static final Handle HANDLE = HeldMemoryEstimator::size;

	private HeldMemoryEstimator() {
	}

	@Override
	public Handle newHandle() {
		return HANDLE;
	}

	private static int size(Object msg) {
		if (msg instanceof ByteBuf buf) {
			return held(buf);
		}
		if (msg instanceof ByteBufHolder holder) {
			return held(holder.content());
		}
		return (msg instanceof FileRegion) ? 0 : UNKNOWN_SIZE;
	}

	/** Up to the end of the room the buffer can fill without reallocating: its size class. */
	private static int held(ByteBuf buf) {
		return Math.max(buf.readableBytes(), buf.writerIndex() + buf.maxFastWritableBytes());
	}

}

package dev.clusteradapter.cluster.sticky;

import java.io.IOException;
import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

/**
 * One handover link, read as descriptors in pairs (see {@link HandoverSender}): a client
 * socket, then a pipe holding the bytes already read from it.
 */
final class HandoverIntake extends ChannelInboundHandlerAdapter {

	private static final InternalLogger logger = InternalLoggerFactory.getInstance(HandoverIntake.class);

	private static final int MAX_ALREADY_READ = 64 * 1024;

	private final int uid;

	private final ConnectionAdopter adopter;

	private FileDescriptor client;

	HandoverIntake(int uid, ConnectionAdopter adopter) {
		this.uid = uid;
		this.adopter = adopter;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws IOException {
		int peer = ((EpollDomainSocketChannel) ctx.channel()).peerCredentials().uid();
		if (this.uid < 0 || peer != this.uid) {
			logger.warn("Refused a handover link from uid {}", peer);
			ctx.close();
			return;
		}
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof FileDescriptor descriptor)) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (this.client == null) {
			this.client = descriptor;
			return;
		}
		FileDescriptor socket = this.client;
		this.client = null;
		ByteBuf alreadyRead = ctx.alloc().directBuffer(4096);
		try {
			drain(descriptor, alreadyRead);
		}
		catch (IOException ex) {
			alreadyRead.release();
			logger.warn("Dropped a handed-over connection: its bytes could not be read", ex);
			closeQuietly(socket);
			return;
		}
		finally {
			closeQuietly(descriptor);
		}
		try {
			this.adopter.adopt(socket.intValue(), alreadyRead);
		}
		catch (RuntimeException ex) {
			// the adopter closed the socket and released the bytes
			logger.warn("Adopter refused a handed-over connection", ex);
		}
	}

	private static void drain(FileDescriptor pipe, ByteBuf into) throws IOException {
		while (true) {
			into.ensureWritable(4096);
			if (into.writerIndex() > MAX_ALREADY_READ) {
				throw new IOException("Handed-over bytes over " + MAX_ALREADY_READ);
			}
			ByteBuffer buffer = into.internalNioBuffer(into.writerIndex(), into.writableBytes());
			int read = pipe.read(buffer, buffer.position(), buffer.limit());
			// The primary closed the write end before sending, so no read can come up short.
			if (read <= 0) {
				return;
			}
			into.writerIndex(into.writerIndex() + read);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (this.client != null) {
			closeQuietly(this.client);
			this.client = null;
		}
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		logger.warn("Handover link failed", cause);
		ctx.close();
	}

	private static void closeQuietly(FileDescriptor descriptor) {
		try {
			descriptor.close();
		}
		catch (IOException ex) {
			// Nothing left to release.
		}
	}

}

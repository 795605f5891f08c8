package dev.clusteradapter.cluster.sticky;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.UnixChannel;

/**
 * Primary side of connection handover: sends an accepted client connection to a worker's
 * {@link HandoverReceiver} and drops the primary's copy. Each handover is two descriptors on
 * the worker's link, always adjacent:
 * <pre>
 *  +---------------------------+------------------------------------------+
 *  | client TCP socket (fd #1) | read end of a pipe (fd #2) holding the   |
 *  |                           | bytes already read, write end closed     |
 *  +---------------------------+------------------------------------------+
 * </pre>
 * Descriptors only, so the link never mixes data with ancillary messages (a plain read of a
 * Unix socket silently discards the descriptors it meets). When a handover fails the
 * connection is relayed instead.
 */
final class HandoverSender {

	// A pipe holds 64 KiB; the router reads at most one head plus one receive buffer first.
	private static final int MAX_ALREADY_READ = 60 * 1024;

	private final ConcurrentMap<LinkKey, ChannelFuture> links = new ConcurrentHashMap<>();

	void handOver(Channel client, WorkerEndpoint target, ByteBuf alreadyRead, RouterContext router) {
		if (alreadyRead.readableBytes() > MAX_ALREADY_READ) {
			router.relay().relay(client, target, alreadyRead, router);
			return;
		}
		link(new LinkKey(target.handoverSocket(), client.eventLoop())).addListener((ChannelFuture linked) -> {
			FileDescriptor pipe = linked.isSuccess() ? filledPipe(alreadyRead) : null;
			if (pipe == null) {
				router.relay().relay(client, target, alreadyRead, router);
				return;
			}
			// Listeners run on the link's event loop, the client's own: the two descriptors of a
			// handover go out back to back, with nothing else written in between.
			Channel link = linked.channel();
			link.write(((UnixChannel) client).fd());
			link.writeAndFlush(pipe).addListener((ChannelFuture sent) -> {
				closeQuietly(pipe);
				if (sent.isSuccess()) {
					alreadyRead.release();
					router.metrics().decision(router.mode(), RoutingOutcome.HANDED_OVER);
					// The worker holds its own descriptor now; closing ours sends no FIN.
					client.close();
				}
				else {
					router.relay().relay(client, target, alreadyRead, router);
				}
			});
		});
	}

	private ChannelFuture link(LinkKey key) {
		ChannelFuture link = this.links.computeIfAbsent(key, this::connect);
		if (link.isDone() && (!link.isSuccess() || !link.channel().isActive())) {
			this.links.remove(key, link);
			link = this.links.computeIfAbsent(key, this::connect);
		}
		return link;
	}

	private ChannelFuture connect(LinkKey key) {
		return new Bootstrap().group(key.eventLoop())
			.channel(EpollDomainSocketChannel.class)
			.handler(new ChannelInboundHandlerAdapter())
			.connect(new DomainSocketAddress(key.socket().toFile()));
	}

	private static FileDescriptor filledPipe(ByteBuf bytes) {
		FileDescriptor[] pipe;
		try {
			pipe = FileDescriptor.pipe();
		}
		catch (IOException ex) {
			return null;
		}
		ByteBuf direct = bytes.alloc().directBuffer(bytes.readableBytes());
		try {
			direct.writeBytes(bytes, bytes.readerIndex(), bytes.readableBytes());
			ByteBuffer buffer = direct.nioBuffer();
			while (buffer.hasRemaining()) {
				int written = pipe[1].write(buffer, buffer.position(), buffer.limit());
				if (written <= 0) {
					closeQuietly(pipe[0]);
					return null;
				}
				buffer.position(buffer.position() + written);
			}
			return pipe[0];
		}
		catch (IOException ex) {
			closeQuietly(pipe[0]);
			return null;
		}
		finally {
			direct.release();
			closeQuietly(pipe[1]);
		}
	}

	private static void closeQuietly(FileDescriptor descriptor) {
		try {
			descriptor.close();
		}
		catch (IOException ex) {
			// Nothing left to release.
		}
	}

	/**
	 * One link per worker and router event loop: a handover is then written on the thread
	 * that read the request, with no hop to another.
	 */
	private record LinkKey(Path socket, EventLoop eventLoop) {
	}

	void close() {
		this.links.values().forEach((link) -> link.channel().close());
		this.links.clear();
	}

}

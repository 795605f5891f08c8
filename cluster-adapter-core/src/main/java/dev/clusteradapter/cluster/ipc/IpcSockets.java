package dev.clusteradapter.cluster.ipc;

import java.util.function.BiConsumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Netty event loops and channel types for a concrete {@link IpcTransport}.
 */
final class IpcSockets {

	// The kernel's default buffer for a Unix stream socket (about 200 KB) is charged the full
	// overhead of every write, so it fills with a few hundred small frames; a larger one lets
	// a burst of small relayed frames through without waiting for the reader. IpcBenchmark on
	// a loaded 2-core machine could not separate the effect from noise: re-measure on a quiet
	// one. TCP on loopback tunes its own buffers.
	private static final int UNIX_SOCKET_BUFFER = 1024 * 1024;

	private IpcSockets() {
	}

	static void configure(IpcTransport transport, BiConsumer<ChannelOption<Integer>, Integer> option) {
		if (transport == IpcTransport.UNIX) {
			option.accept(ChannelOption.SO_SNDBUF, UNIX_SOCKET_BUFFER);
			option.accept(ChannelOption.SO_RCVBUF, UNIX_SOCKET_BUFFER);
		}
	}

	static EventLoopGroup newGroup(IpcTransport transport, int threads, String name) {
		// Daemon threads: a worker whose primary is gone must be able to exit.
		DefaultThreadFactory threadFactory = new DefaultThreadFactory(name, true);
		return new MultiThreadIoEventLoopGroup(threads, threadFactory,
				(transport == IpcTransport.UNIX) ? epollIoHandlerFactory() : NioIoHandler.newFactory());
	}

	private static IoHandlerFactory epollIoHandlerFactory() {
		if (!Epoll.isAvailable()) {
			throw new IllegalStateException("Unix domain sockets need Netty's native epoll transport (Linux)",
					Epoll.unavailabilityCause());
		}
		return EpollIoHandler.newFactory();
	}

	static Class<? extends ServerChannel> serverChannel(IpcTransport transport) {
		return (transport == IpcTransport.UNIX) ? EpollServerDomainSocketChannel.class
				: NioServerSocketChannel.class;
	}

	static Class<? extends Channel> channel(IpcTransport transport) {
		return (transport == IpcTransport.UNIX) ? EpollDomainSocketChannel.class : NioSocketChannel.class;
	}

}

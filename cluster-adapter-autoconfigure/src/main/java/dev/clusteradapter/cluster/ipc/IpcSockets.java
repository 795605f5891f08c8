package dev.clusteradapter.cluster.ipc;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Netty event loops and channel types for a concrete {@link IpcTransport}.
 */
final class IpcSockets {

	private IpcSockets() {
	}

	static EventLoopGroup newGroup(IpcTransport transport, int threads, String name) {
		// Daemon threads: a worker whose primary is gone must be able to exit.
		DefaultThreadFactory threadFactory = new DefaultThreadFactory(name, true);
		return new MultiThreadIoEventLoopGroup(threads, threadFactory,
				(transport == IpcTransport.UNIX) ? NativeEpoll.ioHandlerFactory() : NioIoHandler.newFactory());
	}

	static Class<? extends ServerChannel> serverChannel(IpcTransport transport) {
		return (transport == IpcTransport.UNIX) ? NativeEpoll.serverDomainSocketChannel()
				: NioServerSocketChannel.class;
	}

	static Class<? extends Channel> channel(IpcTransport transport) {
		return (transport == IpcTransport.UNIX) ? NativeEpoll.domainSocketChannel() : NioSocketChannel.class;
	}

}

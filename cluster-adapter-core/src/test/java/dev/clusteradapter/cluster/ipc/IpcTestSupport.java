package dev.clusteradapter.cluster.ipc;

import java.util.stream.Stream;

import io.netty.channel.epoll.Epoll;

/**
 * What the IPC tests share.
 */
final class IpcTestSupport {

	private IpcTestSupport() {
	}

	/** The transports this machine supports: Unix sockets only where epoll is available. */
	static Stream<IpcTransport> transports() {
		return Epoll.isAvailable() ? Stream.of(IpcTransport.UNIX, IpcTransport.TCP) : Stream.of(IpcTransport.TCP);
	}

}

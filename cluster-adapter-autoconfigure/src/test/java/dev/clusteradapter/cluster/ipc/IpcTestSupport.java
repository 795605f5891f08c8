package dev.clusteradapter.cluster.ipc;

import java.util.stream.Stream;

/**
 * What the IPC tests share.
 */
final class IpcTestSupport {

	private IpcTestSupport() {
	}

	/** The transports this machine supports: Unix sockets only where epoll is available. */
	static Stream<IpcTransport> transports() {
		return NativeEpoll.isAvailable() ? Stream.of(IpcTransport.UNIX, IpcTransport.TCP) : Stream.of(IpcTransport.TCP);
	}

}

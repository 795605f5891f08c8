package io.netty.channel.uring;

import io.netty.channel.socket.SocketChannel;

/**
 * Lets the starter serve on io_uring a TCP connection accepted by another process (the
 * cluster's primary, which passed its file descriptor over a Unix socket). Netty 4.2 makes
 * an {@link IoUringSocketChannel} of a connected descriptor only for its own server
 * channel: the constructor its accept uses, and {@link LinuxSocket}'s, are package-private,
 * so this class lives in Netty's package, in the starter's jar (as
 * {@code com.corundumstudio.socketio.BroadcastAckBridge} does for netty-socketio), and
 * builds the channel exactly as {@code IoUringServerSocketChannel} builds an accepted one.
 * <p>
 * <b>It needs the class path</b>: Netty's io_uring classes and the starter loaded by one
 * class loader, as on a class path and in a Spring Boot executable jar (Netty's jar is not
 * sealed). Elsewhere the call would fail with an {@code IllegalAccessError}: the starter's
 * {@code SocketTransport} reports io_uring unavailable then, so a server set to it fails to
 * start, saying why, and {@code auto} never chooses it.
 */
public final class IoUringAdoption {

	private IoUringAdoption() {
	}

	/**
	 * A channel for a connected TCP socket, as if accepted by an io_uring server channel:
	 * active, its addresses read from the socket, not registered. Register it with an
	 * event loop group of {@link IoUringIoHandler}s.
	 * @param fd the socket's file descriptor, which the channel owns from now on
	 * @return the channel
	 */
	public static SocketChannel socketChannel(int fd) {
		return new IoUringSocketChannel(null, new LinuxSocket(fd));
	}

}

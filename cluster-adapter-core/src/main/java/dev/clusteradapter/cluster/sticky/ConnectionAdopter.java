package dev.clusteradapter.cluster.sticky;

import io.netty.buffer.ByteBuf;

/**
 * Worker side of connection handover: takes a client connection the primary handed over and
 * serves it as if it had been accepted here. Implemented by the worker's Socket.IO server
 * ({@code ClusteredSocketIOServer.adopt(int, ByteBuf)}), which makes a channel of its own
 * transport (io_uring or epoll) of the socket.
 */
@FunctionalInterface
public interface ConnectionAdopter {

	/**
	 * Adopts a connection: make a channel of the socket (for example
	 * {@code new EpollSocketChannel(fd)}), register it with an event loop of its transport,
	 * and let its pipeline see the bytes the primary read before any later ones (the
	 * starter's {@code ClusteredSocketIOServer.adopt} keeps auto-read off until it has
	 * replayed them).
	 * @param fd the client connection, a connected TCP socket; the adopter owns it from the
	 * call on, and closes it when it cannot serve it, also when it throws
	 * @param alreadyRead bytes the primary read from it (the request head, rewritten, and any
	 * body that followed); the adopter owns and must release them, also when it throws
	 */
	void adopt(int fd, ByteBuf alreadyRead);

}

package dev.clusteradapter.cluster.sticky;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Worker side of connection handover: takes a client connection the primary handed over and
 * serves it as if it had been accepted here. Implemented by the worker's Socket.IO server.
 */
@FunctionalInterface
public interface ConnectionAdopter {

	/**
	 * Adopts a connection. The channel is open, connected and not yet registered: register it
	 * with an epoll event loop, and let its pipeline see the bytes the primary read before
	 * any later ones (the starter's {@code ClusteredSocketIOServer.adopt} keeps auto-read off
	 * until it has replayed them).
	 * @param channel the client connection, an unregistered epoll socket channel
	 * @param alreadyRead bytes the primary read from it (the request head, rewritten, and any
	 * body that followed); the adopter owns and must release them
	 */
	void adopt(Channel channel, ByteBuf alreadyRead);

}

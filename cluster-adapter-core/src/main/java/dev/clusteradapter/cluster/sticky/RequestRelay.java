package dev.clusteradapter.cluster.sticky;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.UnixChannel;

/**
 * Relays a routed connection to its worker's loopback Socket.IO port: the rewritten head and
 * whatever followed it first, then bytes both ways until either side closes.
 */
final class RequestRelay {

	void relay(Channel client, WorkerEndpoint target, ByteBuf alreadyRead, RouterContext router) {
		ChannelFuture connect = new Bootstrap().group(client.eventLoop())
			.channel((client instanceof UnixChannel) ? EpollSocketChannel.class : NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.AUTO_READ, false)
			.handler(new RelayPipe(client))
			.connect(target.relayAddress());
		connect.addListener((ChannelFuture future) -> {
			if (!future.isSuccess()) {
				alreadyRead.release();
				router.metrics().decision(router.mode(), RoutingOutcome.REJECTED_503);
				RequestRouting.respondAndClose(client, "503 Service Unavailable");
				return;
			}
			Channel worker = future.channel();
			if (!client.isActive()) {
				alreadyRead.release();
				worker.close();
				return;
			}
			client.pipeline().replace(RequestRouting.class, "relay", new RelayPipe(worker));
			worker.writeAndFlush(alreadyRead, worker.voidPromise());
			router.metrics().decision(router.mode(), RoutingOutcome.RELAYED);
			worker.config().setAutoRead(true);
			client.config().setAutoRead(true);
		});
	}

}

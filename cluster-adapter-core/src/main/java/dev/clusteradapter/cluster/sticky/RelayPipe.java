package dev.clusteradapter.cluster.sticky;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One direction of a relayed connection: what this channel reads is written to its peer,
 * reading pauses while the peer cannot keep up, and either side closing closes both.
 */
final class RelayPipe extends ChannelInboundHandlerAdapter {

	private final Channel peer;

	RelayPipe(Channel peer) {
		this.peer = peer;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		this.peer.writeAndFlush(msg, this.peer.voidPromise());
		if (!this.peer.isWritable()) {
			ctx.channel().config().setAutoRead(false);
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		this.peer.config().setAutoRead(ctx.channel().isWritable());
		ctx.fireChannelWritabilityChanged();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		closeOnFlush(this.peer);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

	static void closeOnFlush(Channel channel) {
		if (channel.isActive()) {
			channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
		}
	}

}

package dev.clusteradapter.cluster.sticky;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First handler of a connection the tests' workers adopt: once the channel is active, passes
 * on the bytes the primary read before handing it over, then leaves the pipeline.
 * Registration fires {@code channelActive} before the event loop reads the socket, so nothing
 * overtakes them. (The starter's server replays them its own way, see
 * {@code ClusteredSocketIOServer.adopt}.)
 */
final class AlreadyReadReplay extends ChannelInboundHandlerAdapter {

	private ByteBuf alreadyRead;

	/**
	 * Creates a replay of bytes.
	 * @param alreadyRead bytes to pass on, released by the handlers after this one
	 */
	AlreadyReadReplay(ByteBuf alreadyRead) {
		this.alreadyRead = alreadyRead;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		ctx.fireChannelActive();
		ByteBuf bytes = this.alreadyRead;
		this.alreadyRead = null;
		ctx.pipeline().remove(this);
		if (bytes != null) {
			ctx.fireChannelRead(bytes);
			ctx.fireChannelReadComplete();
		}
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		if (this.alreadyRead != null) {
			this.alreadyRead.release();
			this.alreadyRead = null;
		}
	}

}

package dev.clusteradapter.cluster.ipc;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The worker's handler of its authenticated link to the hub: hands frames to the
 * {@link ClientSession} and drops the link when the hub goes silent or stops reading.
 */
final class ClientLinkHandler extends ChannelInboundHandlerAdapter {

	private static final Log logger = LogFactory.getLog(ClientLinkHandler.class);

	private final ClientSession session;

	ClientLinkHandler(ClientSession session) {
		this.session = session;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		try {
			if (msg instanceof IpcFrame frame) {
				this.session.received(frame);
			}
		}
		finally {
			ReferenceCountUtil.release(msg);
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
		if (!ctx.channel().isWritable()) {
			this.session.closeForBackPressure();
		}
		super.channelWritabilityChanged(ctx);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof IdleStateEvent) {
			logger.warn("Closing the link to the primary: no heartbeat answered");
			ctx.close();
			return;
		}
		super.userEventTriggered(ctx, evt);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (logger.isDebugEnabled()) {
			logger.debug("Closing the link to the primary", cause);
		}
		ctx.close();
	}

}

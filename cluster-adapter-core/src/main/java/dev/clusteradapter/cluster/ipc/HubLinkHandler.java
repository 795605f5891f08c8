package dev.clusteradapter.cluster.ipc;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * The hub's handler of one authenticated worker link: answers heartbeats, hands
 * application frames and reports to the {@link HubRouter}, and drops the link when it
 * dies, goes silent, or falls behind.
 */
final class HubLinkHandler extends ChannelInboundHandlerAdapter {

	private static final Log logger = LogFactory.getLog(HubLinkHandler.class);

	private final HubRouter router;

	private final WorkerLink link;

	HubLinkHandler(HubRouter router, WorkerLink link) {
		this.router = router;
		this.link = link;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof IpcFrame frame)) {
			ReferenceCountUtil.release(msg);
			return;
		}
		try {
			this.link.received(frame);
			if (frame.type() >= ClusterBus.FIRST_APPLICATION_TYPE) {
				this.router.route(this.link, frame);
			}
			else if (frame.type() == FrameType.HEARTBEAT) {
				this.link.heartbeat(ByteBufUtil.getBytes(frame.content()));
				this.link.forward(
						new IpcFrame(FrameType.HEARTBEAT, ClusterBus.PRIMARY, this.link.id(), Unpooled.EMPTY_BUFFER));
			}
			else if (frame.type() == FrameType.REPORT) {
				this.router.reported(this.link, ByteBufUtil.getBytes(frame.content()));
			}
			else {
				logger.warn("Closing link of worker " + this.link.id() + ": unexpected control frame " + frame);
				this.link.protocolViolation();
				this.link.drop("unexpected control frame");
			}
		}
		finally {
			frame.release();
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
		if (!ctx.channel().isWritable()) {
			this.link.closeForBackPressure();
		}
		super.channelWritabilityChanged(ctx);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof IdleStateEvent) {
			IdleStateHandler idle = ctx.pipeline().get(IdleStateHandler.class);
			String reason = "no heartbeat for " + seconds(idle.getReaderIdleTimeInMillis());
			logger.warn("Closing link of worker " + this.link.id() + ": " + reason);
			this.link.drop(reason);
			return;
		}
		super.userEventTriggered(ctx, evt);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		this.router.unregister(this.link);
		super.channelInactive(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (logger.isDebugEnabled()) {
			logger.debug("Closing link of worker " + this.link.id(), cause);
		}
		ctx.close();
	}

	/** {@code 5s}, or {@code 1500ms} when not whole seconds. */
	private static String seconds(long millis) {
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}

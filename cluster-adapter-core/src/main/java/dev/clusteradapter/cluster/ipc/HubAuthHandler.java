package dev.clusteradapter.cluster.ipc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import dev.clusteradapter.cluster.ClusterBus;
import dev.clusteradapter.cluster.ipc.IpcMetrics.Rejection;

/**
 * The hub's side of the {@link Handshake}: challenges a new connection and admits it to
 * the {@link HubRouter} only once it proved the secret (and, on a Unix socket, runs as
 * the hub's user). Anything else closes the connection before a message is delivered.
 */
final class HubAuthHandler extends ChannelInboundHandlerAdapter {

	private final HubRouter router;

	private final byte[] secret;

	private final long authTimeoutMillis;

	private final Integer expectedUid;

	private final IpcMetrics metrics;

	private final byte[] hubNonce = Handshake.nonce();

	private ScheduledFuture<?> timeout;

	private boolean done;

	HubAuthHandler(HubRouter router, byte[] secret, long authTimeoutMillis, Integer expectedUid,
			IpcMetrics metrics) {
		this.router = router;
		this.secret = secret;
		this.authTimeoutMillis = authTimeoutMillis;
		this.expectedUid = expectedUid;
		this.metrics = metrics;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		if (this.expectedUid != null) {
			if (peerUid(ctx.channel()) != this.expectedUid) {
				reject(ctx, Rejection.UID_MISMATCH, "peer runs as another user");
				return;
			}
		}
		this.timeout = ctx.executor()
			.schedule(() -> reject(ctx, Rejection.TIMEOUT, "authentication timed out"), this.authTimeoutMillis,
					TimeUnit.MILLISECONDS);
		ctx.writeAndFlush(new IpcFrame(FrameType.AUTH_CHALLENGE, ClusterBus.PRIMARY, 0,
				Unpooled.wrappedBuffer(this.hubNonce)));
		super.channelActive(ctx);
	}

	// -1 is no user's uid: a peer the kernel cannot vouch for is refused.
	private static int peerUid(Channel channel) {
		if (!(channel instanceof EpollDomainSocketChannel domainSocket)) {
			return -1;
		}
		try {
			return domainSocket.peerCredentials().uid();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		try {
			if (this.done) {
				return;
			}
			if (!(msg instanceof IpcFrame frame) || frame.type() != FrameType.AUTH_RESPONSE
					|| frame.content().readableBytes() != Handshake.RESPONSE_LENGTH) {
				reject(ctx, Rejection.PROTOCOL, "expected an authentication response");
				return;
			}
			authenticate(ctx, frame.content());
		}
		finally {
			ReferenceCountUtil.release(msg);
		}
	}

	private void authenticate(ChannelHandlerContext ctx, ByteBuf response) {
		byte[] workerNonce = new byte[Handshake.NONCE_LENGTH];
		response.readBytes(workerNonce);
		int requestedId = response.readInt();
		long pid = response.readLong();
		byte[] proof = new byte[Handshake.PROOF_LENGTH];
		response.readBytes(proof);
		byte[] expected = Handshake.workerProof(this.secret, this.hubNonce, workerNonce, requestedId, pid);
		if (!Handshake.matches(expected, proof)) {
			reject(ctx, Rejection.BAD_PROOF, "authentication failed");
			return;
		}
		WorkerLink link = this.router.register(ctx.channel(), requestedId, pid,
				(id, peers) -> welcome(id, peers, workerNonce));
		if (link == null) {
			reject(ctx, Rejection.DUPLICATE_ID, "worker id " + requestedId + " is already connected");
			return;
		}
		this.done = true;
		this.timeout.cancel(false);
		ctx.pipeline().replace(this, "link", new HubLinkHandler(this.router, link));
	}

	private IpcFrame welcome(int id, Set<Integer> peers, byte[] workerNonce) {
		ByteBuf payload = Unpooled.buffer(4 + Handshake.PROOF_LENGTH + 4 * peers.size());
		payload.writeInt(id).writeBytes(Handshake.primaryProof(this.secret, workerNonce, this.hubNonce, id));
		peers.forEach(payload::writeInt);
		return new IpcFrame(FrameType.AUTH_OK, ClusterBus.PRIMARY, id, payload);
	}

	private void reject(ChannelHandlerContext ctx, Rejection reason, String message) {
		if (this.done) {
			return;
		}
		this.done = true;
		if (this.timeout != null) {
			this.timeout.cancel(false);
		}
		this.metrics.peerRejected(reason);
		IpcFrame rejected = new IpcFrame(FrameType.AUTH_REJECTED, ClusterBus.PRIMARY, 0,
				Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
		ctx.writeAndFlush(rejected).addListener((future) -> ctx.close());
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (this.timeout != null) {
			this.timeout.cancel(false);
		}
		super.channelInactive(ctx);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof IdleStateEvent) {
			reject(ctx, Rejection.TIMEOUT, "authentication timed out");
			return;
		}
		super.userEventTriggered(ctx, evt);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		// An unauthenticated peer's I/O errors are its own business.
		ctx.close();
	}

}

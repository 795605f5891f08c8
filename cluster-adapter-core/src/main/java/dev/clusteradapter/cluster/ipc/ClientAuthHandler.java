package dev.clusteradapter.cluster.ipc;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * The worker's side of the {@link Handshake}: answers the hub's challenge and checks that
 * the hub, too, knows the secret before the link is used.
 */
final class ClientAuthHandler extends ChannelInboundHandlerAdapter {

	private final byte[] secret;

	private final int requestedId;

	private final long pid;

	private final long authTimeoutMillis;

	private final ClientSession session;

	private final byte[] workerNonce = Handshake.nonce();

	private byte[] hubNonce;

	private ScheduledFuture<?> timeout;

	private boolean done;

	ClientAuthHandler(byte[] secret, int requestedId, long pid, long authTimeoutMillis, ClientSession session) {
		this.secret = secret;
		this.requestedId = requestedId;
		this.pid = pid;
		this.authTimeoutMillis = authTimeoutMillis;
		this.session = session;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.timeout = ctx.executor()
			.schedule(() -> fail(ctx, "the primary did not complete authentication in time"), this.authTimeoutMillis,
					TimeUnit.MILLISECONDS);
		super.channelActive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		try {
			if (this.done || !(msg instanceof IpcFrame frame)) {
				return;
			}
			ByteBuf payload = frame.content();
			if (frame.type() == FrameType.AUTH_CHALLENGE && this.hubNonce == null
					&& payload.readableBytes() == Handshake.NONCE_LENGTH) {
				this.hubNonce = ByteBufUtil.getBytes(payload);
				answer(ctx);
			}
			else if (frame.type() == FrameType.AUTH_OK && this.hubNonce != null
					&& payload.readableBytes() >= 4 + Handshake.PROOF_LENGTH
					&& (payload.readableBytes() - 4 - Handshake.PROOF_LENGTH) % 4 == 0) {
				admitted(ctx, payload);
			}
			else if (frame.type() == FrameType.AUTH_REJECTED) {
				fail(ctx, "rejected by the primary: " + payload.toString(StandardCharsets.UTF_8));
			}
			else {
				fail(ctx, "unexpected frame during authentication: " + frame);
			}
		}
		finally {
			ReferenceCountUtil.release(msg);
		}
	}

	private void answer(ChannelHandlerContext ctx) {
		ByteBuf response = ctx.alloc().buffer(Handshake.RESPONSE_LENGTH);
		response.writeBytes(this.workerNonce)
			.writeInt(this.requestedId)
			.writeLong(this.pid)
			.writeBytes(Handshake.workerProof(this.secret, this.hubNonce, this.workerNonce, this.requestedId, this.pid));
		ctx.writeAndFlush(new IpcFrame(FrameType.AUTH_RESPONSE, 0, ClusterBus.PRIMARY, response));
	}

	private void admitted(ChannelHandlerContext ctx, ByteBuf payload) {
		int id = payload.readInt();
		byte[] proof = new byte[Handshake.PROOF_LENGTH];
		payload.readBytes(proof);
		if (!Handshake.matches(Handshake.primaryProof(this.secret, this.workerNonce, this.hubNonce, id), proof)
				|| id <= 0 || (this.requestedId > 0 && id != this.requestedId)) {
			fail(ctx, "the primary could not prove it knows the secret");
			return;
		}
		Set<Integer> peers = new LinkedHashSet<>();
		while (payload.isReadable()) {
			peers.add(payload.readInt());
		}
		this.done = true;
		this.timeout.cancel(false);
		ctx.pipeline().replace(this, "link", new ClientLinkHandler(this.session));
		this.session.authenticated(ctx.channel(), id, peers);
	}

	private void fail(ChannelHandlerContext ctx, String reason) {
		if (this.done) {
			return;
		}
		this.done = true;
		if (this.timeout != null) {
			this.timeout.cancel(false);
		}
		this.session.authenticationFailed(new IpcAuthenticationException(reason));
		ctx.close();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		fail(ctx, "the primary closed the connection during authentication");
		super.channelInactive(ctx);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof IdleStateEvent) {
			fail(ctx, "the primary did not complete authentication in time");
			return;
		}
		super.userEventTriggered(ctx, evt);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		fail(ctx, "I/O error during authentication: " + cause);
	}

}

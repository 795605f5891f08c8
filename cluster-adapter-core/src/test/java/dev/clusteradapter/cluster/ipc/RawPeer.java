package dev.clusteradapter.cluster.ipc;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * A hand-driven peer of the hub for tests: it speaks the frame format but follows no
 * protocol of its own, so a test can authenticate badly, misbehave, or stall.
 */
final class RawPeer implements AutoCloseable {

	private final EventLoopGroup group;

	private final Channel channel;

	private final BlockingQueue<Received> frames = new LinkedBlockingQueue<>();

	private RawPeer(IpcEndpoint endpoint, boolean autoRead) throws InterruptedException {
		this.group = IpcSockets.newGroup(endpoint.transport(), 1, "raw-peer");
		this.channel = new Bootstrap().group(this.group)
			.channel(IpcSockets.channel(endpoint.transport()))
			.option(ChannelOption.AUTO_READ, autoRead)
			.handler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline()
						.addLast(new IpcFrameCodec(64 * 1024 * 1024, IpcMetrics.NONE))
						.addLast(new SimpleChannelInboundHandler<IpcFrame>() {
							@Override
							protected void channelRead0(ChannelHandlerContext ctx, IpcFrame frame) {
								RawPeer.this.frames.add(new Received(frame.type(), frame.source(), frame.target(),
										ByteBufUtil.getBytes(frame.content())));
							}

							@Override
							public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
								ctx.close();
							}
						});
				}
			})
			.connect(endpoint.socketAddress())
			.sync()
			.channel();
	}

	static RawPeer connect(IpcEndpoint endpoint) throws InterruptedException {
		return new RawPeer(endpoint, true);
	}

	static RawPeer connectWithoutReading(IpcEndpoint endpoint) throws InterruptedException {
		return new RawPeer(endpoint, false);
	}

	Received next() throws InterruptedException {
		Received frame = this.frames.poll(5, TimeUnit.SECONDS);
		if (frame == null) {
			throw new AssertionError("No frame within 5 s");
		}
		return frame;
	}

	Received nextOrNull(Duration wait) throws InterruptedException {
		return this.frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Sends a frame; the hub may have closed the connection already, which is not an error here. */
	void send(int type, int target, byte[] payload) {
		this.channel.writeAndFlush(new IpcFrame(type, 77, target, Unpooled.wrappedBuffer(payload)))
			.awaitUninterruptibly();
	}

	/** Reads the hub's challenge and answers it as a worker knowing {@code secret} would. */
	byte[] answerChallenge(IpcSecret secret, int requestedId) throws InterruptedException {
		Received challenge = next();
		if (challenge.type() != FrameType.AUTH_CHALLENGE) {
			throw new AssertionError("Expected a challenge, got " + challenge);
		}
		byte[] response = response(secret, challenge.payload(), Handshake.nonce(), requestedId);
		send(FrameType.AUTH_RESPONSE, ClusterBus.PRIMARY, response);
		return response;
	}

	static byte[] response(IpcSecret secret, byte[] hubNonce, byte[] workerNonce, int requestedId) {
		long pid = 4242;
		ByteBuf response = Unpooled.buffer();
		response.writeBytes(workerNonce)
			.writeInt(requestedId)
			.writeLong(pid)
			.writeBytes(Handshake.workerProof(secret.bytes(), hubNonce, workerNonce, requestedId, pid));
		return ByteBufUtil.getBytes(response);
	}

	/** Authenticates as a well-behaved worker would and returns the assigned id. */
	int authenticate(IpcSecret secret, int requestedId) throws InterruptedException {
		answerChallenge(secret, requestedId);
		Received ok = next();
		if (ok.type() != FrameType.AUTH_OK) {
			throw new AssertionError("Expected AUTH_OK, got " + ok);
		}
		return Unpooled.wrappedBuffer(ok.payload()).readInt();
	}

	/** Stops reading from the socket, as a stalled worker would. */
	void stopReading() {
		this.channel.config().setAutoRead(false);
	}

	boolean awaitClosed(Duration wait) {
		return this.channel.closeFuture().awaitUninterruptibly(wait.toMillis());
	}

	boolean isOpen() {
		return this.channel.isActive();
	}

	@Override
	public void close() {
		if (this.group.isShuttingDown()) {
			return;
		}
		this.channel.close().syncUninterruptibly();
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	record Received(int type, int source, int target, byte[] payload) {

	}

}

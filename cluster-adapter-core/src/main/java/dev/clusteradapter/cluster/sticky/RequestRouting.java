package dev.clusteradapter.cluster.sticky;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.unix.UnixChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * Per connection: waits for the first request head, picks its worker, rewrites the session
 * headers and passes the connection on, by handover or relay. Anything else is answered
 * with an error status and closed.
 */
final class RequestRouting extends ChannelInboundHandlerAdapter {

	static final String X_FORWARDED_FOR = "X-Forwarded-For";

	private final RouterContext router;

	private ScheduledFuture<?> deadline;

	private CompositeByteBuf alreadyRead;

	private boolean decided;

	RequestRouting(RouterContext router) {
		this.router = router;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.deadline = ctx.executor().schedule(() -> timeOut(ctx), this.router.headTimeout().toNanos(),
				TimeUnit.NANOSECONDS);
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.alreadyRead != null) {
			collect(msg);
		}
		else if (!this.decided && msg instanceof HttpRequest request) {
			decide(ctx, request);
		}
		else {
			ReferenceCountUtil.release(msg);
		}
	}

	private void collect(Object msg) {
		ByteBuf bytes = (msg instanceof HttpContent content) ? content.content() : (ByteBuf) msg;
		if (bytes.isReadable()) {
			this.alreadyRead.addComponent(true, bytes);
		}
		else {
			bytes.release();
		}
	}

	private void decide(ChannelHandlerContext ctx, HttpRequest request) {
		this.decided = true;
		this.deadline.cancel(false);
		ctx.channel().config().setAutoRead(false);
		DecoderResult result = request.decoderResult();
		if (result.isFailure()) {
			boolean tooLarge = result.cause() instanceof TooLongFrameException;
			reject(ctx, tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request",
					tooLarge ? RoutingOutcome.HEADER_TOO_LARGE : RoutingOutcome.BAD_REQUEST);
			ReferenceCountUtil.release(request);
			return;
		}
		List<WorkerEndpoint> live = this.router.workers().liveWorkers();
		if (live.isEmpty()) {
			rejectUnavailable(ctx);
			ReferenceCountUtil.release(request);
			return;
		}
		String sid = EngineIoSessionId.of(request.uri());
		WorkerEndpoint owner = owner(live, SessionIdCodec.workerOf(sid));
		WorkerEndpoint target = (owner != null) ? owner : this.router.balancer().pick(live);
		this.router.metrics().routed(target.id(), owner != null);
		HttpHeaders headers = request.headers();
		if (sid == null) {
			SessionCookies.assign(headers, SessionIdCodec.newSessionId(target.id()));
			if (HttpMethod.GET.equals(request.method())) {
				// a handshake: counted now, not at the worker's next report
				this.router.workers().sessionRouted(target);
			}
		}
		else {
			SessionCookies.strip(headers);
		}
		boolean handover = this.router.handover() != null && target.handoverSocket() != null
				&& ctx.channel() instanceof UnixChannel;
		if (!handover) {
			forwardedFor(ctx, headers);
		}
		if (!headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
			// Past this request the router sees no more of the connection: the worker must close
			// it after answering, so the client's next request is routed afresh.
			headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		}
		this.alreadyRead = ctx.alloc().compositeDirectBuffer(64);
		this.alreadyRead.addComponent(true, this.router.headEncoder().encode(ctx.alloc(), request));
		ReferenceCountUtil.release(request);
		// The decoder hands back, synchronously, what it read past the head; later reads are off.
		ctx.pipeline().remove(HttpRequestDecoder.class);
		ctx.executor().execute(() -> dispatch(ctx, target, handover));
	}

	private void dispatch(ChannelHandlerContext ctx, WorkerEndpoint target, boolean handover) {
		ByteBuf bytes = this.alreadyRead;
		this.alreadyRead = null;
		if (bytes == null) {
			return;
		}
		if (!ctx.channel().isActive()) {
			bytes.release();
			return;
		}
		if (handover) {
			this.router.handover().handOver(ctx.channel(), target, bytes, this.router);
		}
		else {
			this.router.relay().relay(ctx.channel(), target, bytes, this.router);
		}
	}

	private static void forwardedFor(ChannelHandlerContext ctx, HttpHeaders headers) {
		InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
		String address = client.getAddress().getHostAddress();
		String previous = headers.get(X_FORWARDED_FOR);
		headers.set(X_FORWARDED_FOR, (previous != null) ? previous + ", " + address : address);
	}

	private static WorkerEndpoint owner(List<WorkerEndpoint> live, OptionalInt workerId) {
		if (workerId.isPresent()) {
			for (WorkerEndpoint worker : live) {
				if (worker.id() == workerId.getAsInt()) {
					return worker;
				}
			}
		}
		return null;
	}

	private void timeOut(ChannelHandlerContext ctx) {
		if (!this.decided) {
			this.decided = true;
			this.router.metrics().decision(this.router.mode(), RoutingOutcome.TIMEOUT);
			ctx.close();
		}
	}

	private void rejectUnavailable(ChannelHandlerContext ctx) {
		reject(ctx, "503 Service Unavailable", RoutingOutcome.REJECTED_503);
	}

	private void reject(ChannelHandlerContext ctx, String status, RoutingOutcome outcome) {
		this.router.metrics().decision(this.router.mode(), outcome);
		respondAndClose(ctx.channel(), status);
	}

	static void respondAndClose(Channel channel, String status) {
		String response = "HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
		channel.writeAndFlush(Unpooled.copiedBuffer(response, StandardCharsets.US_ASCII))
			.addListener(ChannelFutureListener.CLOSE);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (this.deadline != null) {
			this.deadline.cancel(false);
		}
		if (this.alreadyRead != null) {
			this.alreadyRead.release();
			this.alreadyRead = null;
		}
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

}

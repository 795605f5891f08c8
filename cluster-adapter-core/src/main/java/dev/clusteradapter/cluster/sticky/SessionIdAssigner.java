package dev.clusteradapter.cluster.sticky;

import java.util.function.IntSupplier;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Worker-side guard that gives every Engine.IO handshake a session id naming this worker
 * ({@link SessionIdCodec}), whatever the request proposed. Install it right after the HTTP
 * request decoder of a netty-socketio server configured with {@code randomSession=false}.
 * <p>
 * The primary already rewrites the requests it routes, but a handed-over connection carries
 * later requests straight from the client, so the worker must not trust the {@code io}
 * header or cookie either.
 */
@Sharable
public class SessionIdAssigner extends ChannelInboundHandlerAdapter {

	private final IntSupplier workerId;

	/**
	 * Creates a guard for one worker.
	 * @param workerId the worker's id, 0 to {@link SessionIdCodec#MAX_WORKER_ID}
	 */
	public SessionIdAssigner(int workerId) {
		SessionIdCodec.requireWorkerId(workerId);
		this.workerId = () -> workerId;
	}

	/**
	 * Creates a guard for a worker whose id is known only once it has joined its primary
	 * (an external worker is given one then), before it serves any client.
	 * @param workerId supplies the worker's id, 0 to {@link SessionIdCodec#MAX_WORKER_ID}
	 */
	public SessionIdAssigner(IntSupplier workerId) {
		this.workerId = workerId;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof HttpRequest request) {
			if (EngineIoSessionId.of(request.uri()) == null) {
				SessionCookies.assign(request.headers(), SessionIdCodec.newSessionId(SessionIdCodec.requireWorkerId(this.workerId.getAsInt())));
			}
			else {
				SessionCookies.strip(request.headers());
			}
		}
		ctx.fireChannelRead(msg);
	}

}

package dev.clusteradapter.cluster.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Marks every HTTP response but a WebSocket upgrade {@code Connection: close}, as Node's
 * sticky module does: the primary routes each new TCP connection to one worker, so a
 * kept-alive connection must never carry a later request of another session.
 * netty-socketio closes the connection after each polling response anyway, but announces
 * {@code keep-alive}.
 */
@Sharable
final class ConnectionCloseHandler extends ChannelOutboundHandlerAdapter {

	static final ConnectionCloseHandler INSTANCE = new ConnectionCloseHandler();

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof HttpResponse response
				&& !HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
			response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		}
		ctx.write(msg, promise);
	}

}

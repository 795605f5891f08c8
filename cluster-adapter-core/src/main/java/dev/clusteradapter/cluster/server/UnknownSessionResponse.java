package dev.clusteradapter.cluster.server;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Answers a polling request for a session this server does not know as Engine.IO does:
 * {@code 400} with {@code {"code":1,"message":"Session ID unknown"}}. netty-socketio
 * answers it with a bare {@code 500}, which tells a client, a proxy or a monitor that the
 * server failed when the client only came back too late (or to a worker that died).
 */
@Sharable
final class UnknownSessionResponse extends ChannelOutboundHandlerAdapter {

	static final UnknownSessionResponse INSTANCE = new UnknownSessionResponse();

	static final byte[] BODY = "{\"code\":1,\"message\":\"Session ID unknown\"}"
		.getBytes(StandardCharsets.US_ASCII);

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		// netty-socketio's PollingTransport.sendError writes an empty 500 head and closes
		if (msg instanceof HttpResponse response && !(msg instanceof FullHttpResponse)
				&& HttpResponseStatus.INTERNAL_SERVER_ERROR.equals(response.status())) {
			ctx.write(badRequest(BODY), promise);
			return;
		}
		ctx.write(msg, promise);
	}

	/**
	 * An Engine.IO error answer: {@code 400} with a JSON body, closing the connection.
	 * @param json the body, such as {@code {"code":1,"message":"Session ID unknown"}}
	 * @return the response
	 */
	static FullHttpResponse badRequest(byte[] json) {
		return refusal(HttpResponseStatus.BAD_REQUEST, json);
	}

	/**
	 * A refusal with a JSON body, which closes the connection.
	 * @param status the status
	 * @param json the body
	 * @return the response
	 */
	static FullHttpResponse refusal(HttpResponseStatus status, byte[] json) {
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(json));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, json.length)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		return response;
	}

}

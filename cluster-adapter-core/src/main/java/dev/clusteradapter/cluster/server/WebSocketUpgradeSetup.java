package dev.clusteradapter.cluster.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;

/**
 * Completes the pipeline of a connection that upgrades to WebSocket, as its {@code 101}
 * response goes out (Netty's handshaker has put its frame codec in place by then, and no
 * frame has been read): a frame decoder that reports a protocol violation instead of
 * closing the connection itself, and the {@link WebSocketClosingHandshake} after the frame
 * encoder, through which every Close frame then goes.
 * <p>
 * Netty's own decoder (as netty-socketio's handshake configures it) answers a violation,
 * such as a frame over {@code maxFramePayloadLength}, by writing a Close frame from its own
 * place in the pipeline, where no encoder follows: the frame was never sent, and the
 * connection was closed under a client still sending. The violation now reaches
 * {@link OversizedMessageCloser}, which closes with the violation's status.
 */
@Sharable
final class WebSocketUpgradeSetup extends ChannelOutboundHandlerAdapter {

	static final String CLOSING_HANDSHAKE = "webSocketClosingHandshake";

	/**
	 * Bytes a client may send after the server's Close frame, in frames of the largest size:
	 * enough for the rest of a refused message of many times the limit (past it the
	 * connection is reset under the client), while the time limit bounds the rest.
	 */
	private static final int DISCARDED_FRAMES = 16;

	private final int maxFramePayloadLength;

	/**
	 * Creates the handler.
	 * @param maxFramePayloadLength the largest frame accepted, as netty-socketio's handshake sets it
	 */
	WebSocketUpgradeSetup(int maxFramePayloadLength) {
		this.maxFramePayloadLength = maxFramePayloadLength;
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (msg instanceof HttpResponse response && HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
			complete(ctx.pipeline());
		}
		ctx.write(msg, promise);
	}

	private void complete(ChannelPipeline pipeline) {
		ChannelHandlerContext decoder = pipeline.context(WebSocketFrameDecoder.class);
		ChannelHandlerContext encoder = pipeline.context(WebSocketFrameEncoder.class);
		if (decoder == null || encoder == null || pipeline.get(CLOSING_HANDSHAKE) != null) {
			return;
		}
		if (decoder.handler() instanceof WebSocket13FrameDecoder) {
			WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
				.maxFramePayloadLength(this.maxFramePayloadLength)
				.allowExtensions(true)
				.closeOnProtocolViolation(false)
				.build();
			pipeline.replace(decoder.name(), decoder.name(), new WebSocket13FrameDecoder(config));
		}
		pipeline.addAfter(encoder.name(), CLOSING_HANDSHAKE, new WebSocketClosingHandshake(
				(long) DISCARDED_FRAMES * this.maxFramePayloadLength));
		WebSocketFrameWrites.mark(pipeline, encoder, CLOSING_HANDSHAKE);
		if (pipeline.get(ClusterChannelInitializer.POLLING_POST_ORDER) != null) {
			// an upgraded connection carries no POST: its every write and flush would pass it for nothing
			pipeline.remove(ClusterChannelInitializer.POLLING_POST_ORDER);
		}
	}

}

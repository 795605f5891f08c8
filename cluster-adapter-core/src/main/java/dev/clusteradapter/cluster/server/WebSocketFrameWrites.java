package dev.clusteradapter.cluster.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/**
 * Where the starter's encoder writes an upgraded connection's encoded WebSocket frames, and
 * where a broadcast's writes are flushed from: right ahead of the
 * {@link WebSocketClosingHandshake}, past the sixteen handlers between it and the encoder,
 * which serve HTTP requests and responses only and would pass each frame and each flush on
 * unread, one call and one cold context each per recipient.
 * <pre>
 * head - outboundLimit - wsdecoder - wsencoder - webSocketClosingHandshake
 *      - [webSocketFrames] - webSocketUpgradeSetup - unknownSession - engineIoV4Decoder - ... - engineIoV4Encoder - ... tail
 *          ^ frames enter here
 * </pre>
 * The mark handles nothing itself: Netty skips it on every other write. Skipping the
 * handlers keeps order, as none of them holds a frame back (the polling handlers hold an
 * HTTP response only, and an upgraded connection carries none) and
 * all of a connection's writes run on its event loop.
 */
@Sharable
final class WebSocketFrameWrites extends ChannelOutboundHandlerAdapter {

	static final String NAME = "webSocketFrames";

	private static final WebSocketFrameWrites INSTANCE = new WebSocketFrameWrites();

	private WebSocketFrameWrites() {
	}

	/**
	 * Marks where a connection's frames enter, right ahead of its closing handshake, and has
	 * its encoder write them there.
	 * @param pipeline the pipeline of an upgraded connection
	 * @param closingHandshake the name of the closing handshake's handler
	 */
	static void mark(ChannelPipeline pipeline, String closingHandshake) {
		pipeline.addAfter(closingHandshake, NAME, INSTANCE);
		EngineIoV4Encoder encoder = pipeline.get(EngineIoV4Encoder.class);
		if (encoder != null) {
			encoder.writeFramesAt(pipeline.context(NAME));
		}
	}

}

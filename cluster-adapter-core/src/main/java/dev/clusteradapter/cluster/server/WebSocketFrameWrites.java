package dev.clusteradapter.cluster.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/**
 * Where the starter's encoder writes an upgraded connection's WebSocket frames: frame objects
 * right ahead of the {@link WebSocketClosingHandshake}, past the sixteen handlers between it
 * and the encoder, which serve HTTP requests and responses only and would pass each frame and
 * each flush on unread, one call and one cold context each per recipient; frames it has
 * encoded already (a broadcast's, shared by its recipients) past the frame encoder too, which
 * would only pass them on, and past the closing handshake, whose one rule for them (no data
 * frame after a Close frame) the encoder keeps itself. A broadcast's writes are flushed from
 * there.
 * <pre>
 * head - outboundLimit - wsdecoder - wsencoder - webSocketClosingHandshake
 *      - [webSocketFrames] - webSocketUpgradeSetup - unknownSession - engineIoV4Decoder - ... - engineIoV4Encoder - ... tail
 *     ^ encoded frames      ^ frame objects
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
	 * its encoder write them there, and its encoded frames past the frame encoder.
	 * @param pipeline the pipeline of an upgraded connection
	 * @param frameEncoder the frame encoder's context
	 * @param closingHandshake the name of the closing handshake's handler
	 */
	static void mark(ChannelPipeline pipeline, ChannelHandlerContext frameEncoder, String closingHandshake) {
		pipeline.addAfter(closingHandshake, NAME, INSTANCE);
		EngineIoV4Encoder encoder = pipeline.get(EngineIoV4Encoder.class);
		if (encoder != null) {
			encoder.writeFramesAt(pipeline.context(NAME), frameEncoder,
					(WebSocketClosingHandshake) pipeline.get(closingHandshake));
		}
	}

}

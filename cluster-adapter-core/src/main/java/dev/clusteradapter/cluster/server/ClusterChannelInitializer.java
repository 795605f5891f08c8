package dev.clusteradapter.cluster.server;

import com.corundumstudio.socketio.Configuration;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;

import dev.clusteradapter.cluster.socketio.EncodedEventsAware;
import dev.clusteradapter.cluster.socketio.EngineIoSessions;
import dev.clusteradapter.cluster.socketio.SocketIoPipeline;

/**
 * netty-socketio's channel pipeline with the starter's fixes for Engine.IO v4 clients: its
 * own packet decoder and encoder beside netty-socketio's, and optionally
 * {@code Connection: close} on every HTTP response.
 * <pre>
 * httpDecoder - [requestGuard] - httpAggregator - httpEncoder - unknownSession - [connectionClose] - ... - engineIoV4Decoder
 *   - packetSender - packetHandler - engineIoRequestGuard - authorizeHandler - pollingTransport - binaryFrameMarker
 *   - [webSocketAggregator] - webSocketTransport - socketioEncoder
 *   - engineIoV4Encoder - wrongUrlBlocker - oversizedMessageCloser
 * </pre>
 * The HTTP aggregator is the starter's {@link OversizedRequestAggregator}, which answers a
 * body over the limit with {@code 413}.
 */
class ClusterChannelInitializer extends SocketIoPipeline {

	static final String ENGINE_IO_V4_DECODER = "engineIoV4Decoder";

	static final String ENGINE_IO_V4_ENCODER = "engineIoV4Encoder";

	static final String CONNECTION_CLOSE = "connectionClose";

	static final String BINARY_FRAME_MARKER = "binaryFrameMarker";

	static final String REQUEST_GUARD = "requestGuard";

	static final String UNKNOWN_SESSION = "unknownSession";

	static final String OVERSIZED_MESSAGE_CLOSER = "oversizedMessageCloser";

	static final String ENGINE_IO_REQUEST_GUARD = "engineIoRequestGuard";

	static final String PACKET_SENDER = "packetSender";

	private final boolean closeConnections;

	private final ClusterJsonSupport binaryJsonSupport;

	private final ChannelHandler requestGuard;

	private final ClientConnections connections = new ClientConnections();

	private int maxHttpContentLength;

	private EngineIoRequestGuard engineIoRequestGuard;

	private EngineIoV4Decoder decoder;

	private EngineIoV4Encoder encoder;

	/**
	 * Creates the initializer.
	 * @param closeConnections whether every HTTP response closes its connection
	 * @param binaryJsonSupport the server's JSON support when attachments are read as
	 * {@code byte[]}, else {@code null}
	 * @param requestGuard a sharable handler that sees every decoded HTTP request first, or
	 * {@code null}
	 */
	ClusterChannelInitializer(boolean closeConnections, ClusterJsonSupport binaryJsonSupport,
			ChannelHandler requestGuard) {
		this.closeConnections = closeConnections;
		this.binaryJsonSupport = binaryJsonSupport;
		this.requestGuard = requestGuard;
	}

	/**
	 * Every client connection set up by this initializer and still open.
	 * @return the connections
	 */
	ClientConnections connections() {
		return this.connections;
	}

	@Override
	protected void started(Configuration configuration, EngineIoSessions sessions) {
		if (configuration.getStoreFactory() instanceof EncodedEventsAware aware) {
			aware.encodedEventsWritten();
		}
		this.maxHttpContentLength = configuration.getMaxHttpContentLength();
		this.engineIoRequestGuard = (sessions != null) ? new EngineIoRequestGuard(configuration.getContext() + "/",
				configuration.getTransports(), sessions) : null;
		this.decoder = new EngineIoV4Decoder(this.binaryJsonSupport, configuration.getUpgradeTimeout());
		this.encoder = new EngineIoV4Encoder(configuration, new PacketSerializer(configuration.getJsonSupport()));
	}

	@Override
	protected void addSocketioHandlers(ChannelPipeline pipeline) {
		super.addSocketioHandlers(pipeline);
		this.connections.add(pipeline.channel());
		pipeline.replace(HTTP_AGGREGATOR, HTTP_AGGREGATOR, new OversizedRequestAggregator(this.maxHttpContentLength));
		pipeline.addLast(OVERSIZED_MESSAGE_CLOSER, OversizedMessageCloser.INSTANCE);
		if (this.engineIoRequestGuard != null) {
			pipeline.addBefore(AUTHORIZE_HANDLER, ENGINE_IO_REQUEST_GUARD, this.engineIoRequestGuard);
		}
		pipeline.addBefore(PACKET_HANDLER, ENGINE_IO_V4_DECODER, this.decoder);
		pipeline.addBefore(PACKET_HANDLER, PACKET_SENDER, ClientErrorListener.RECORDER);
		pipeline.addBefore(WEB_SOCKET_TRANSPORT, BINARY_FRAME_MARKER, BinaryFrameMarker.INSTANCE);
		// outbound messages meet the last handler first: ours sees them before netty-socketio's
		pipeline.addAfter(SOCKETIO_ENCODER, ENGINE_IO_V4_ENCODER, this.encoder);
		if (this.closeConnections) {
			pipeline.addAfter(HTTP_ENCODER, CONNECTION_CLOSE, ConnectionCloseHandler.INSTANCE);
		}
		pipeline.addAfter(HTTP_ENCODER, UNKNOWN_SESSION, UnknownSessionResponse.INSTANCE);
		if (this.requestGuard != null) {
			pipeline.addAfter(HTTP_REQUEST_DECODER, REQUEST_GUARD, this.requestGuard);
		}
	}

}

package dev.clusteradapter.cluster.server;

import java.util.UUID;

import com.corundumstudio.socketio.Configuration;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;

import dev.clusteradapter.cluster.adapter.ConnectionRecovery;
import dev.clusteradapter.cluster.socketio.EncodedEventsAware;
import dev.clusteradapter.cluster.socketio.EngineIoSession;
import dev.clusteradapter.cluster.socketio.EngineIoSessions;
import dev.clusteradapter.cluster.socketio.SocketIoPipeline;

/**
 * netty-socketio's channel pipeline with the starter's fixes for Engine.IO v4 clients: its
 * own packet decoder and encoder beside netty-socketio's, and optionally
 * {@code Connection: close} on every HTTP response.
 * <pre>
 * outboundLimit - httpDecoder - [requestGuard] - httpAggregator - httpEncoder - webSocketUpgradeSetup - unknownSession - [connectionClose] - ... - engineIoV4Decoder
 *   - packetSender - [connectionRecovery] - packetHandler - pollingDrain - engineIoRequestGuard - authorizeHandler - sessionQueueLimit - pollingTransport - binaryFrameMarker
 *   - [webSocketAggregator] - webSocketTransport - socketioEncoder
 *   - wrongUrlBlocker - oversizedMessageCloser - engineIoV4Encoder
 * </pre>
 * The HTTP aggregator is the starter's {@link OversizedRequestAggregator}, which answers a
 * body over the limit with {@code 413}. Once a connection upgrades to WebSocket, its frame
 * codec takes the place of the HTTP codec, with the {@link WebSocketClosingHandshake} after
 * the frame encoder (see {@link WebSocketUpgradeSetup}).
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

	static final String WEB_SOCKET_UPGRADE_SETUP = "webSocketUpgradeSetup";

	static final String POLLING_DRAIN = "pollingDrain";

	static final String OUTBOUND_LIMIT = "outboundLimit";

	static final String SESSION_QUEUE_LIMIT = "sessionQueueLimit";

	static final String CONNECTION_RECOVERY = "connectionRecovery";

	static final String POLLING_POST_ORDER = "pollingPostOrder";

	private final boolean closeConnections;

	private final ClusterJsonSupport binaryJsonSupport;

	private final ChannelHandler requestGuard;

	private final ClientConnections connections = new ClientConnections();

	private final SlowClients slowClients = new SlowClients();

	private final EndedSessionConnections endedSessionConnections = new EndedSessionConnections(this.slowClients);

	private int maxHttpContentLength;

	private volatile EngineIoRequestGuard engineIoRequestGuard;

	private PollingDrain pollingDrain;

	private OutboundLimit outboundLimit;

	private SessionQueueLimit sessionQueueLimit;

	private EngineIoV4Decoder decoder;

	private Configuration configuration;

	private PacketSerializer serializer;

	private WebSocketUpgradeSetup webSocketUpgradeSetup;

	private volatile ConnectionRecovery recovery;

	private ConnectionRecoveryHandler recoveryHandler;

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
	 * The outbound limit of every client, and the report of those cut off.
	 * @return them
	 */
	SlowClients slowClients() {
		return this.slowClients;
	}

	/**
	 * Sets the connection state recovery of the server's cluster node; before the start.
	 * @param recovery the recovery
	 */
	void recovery(ConnectionRecovery recovery) {
		this.recovery = recovery;
	}

	/**
	 * Every client connection set up by this initializer and still open.
	 * @return the connections
	 */
	ClientConnections connections() {
		return this.connections;
	}

	/**
	 * Refuses new sessions from now on, while the existing ones take their goodbye.
	 * @return {@code false} when it cannot (netty-socketio's sessions out of reach): then the
	 * port must close first
	 */
	boolean refuseHandshakes() {
		EngineIoRequestGuard guard = this.engineIoRequestGuard;
		if (guard == null) {
			return false;
		}
		guard.refuseHandshakes();
		return true;
	}

	@Override
	protected void started(Configuration configuration, EngineIoSessions sessions) {
		if (configuration.getStoreFactory() instanceof EncodedEventsAware aware) {
			aware.encodedEventsWritten();
		}
		this.maxHttpContentLength = configuration.getMaxHttpContentLength();
		this.engineIoRequestGuard = (sessions != null) ? new EngineIoRequestGuard(configuration.getContext() + "/",
				configuration.getTransports(), sessions) : null;
		this.pollingDrain = (sessions != null) ? new PollingDrain(sessions) : null;
		this.outboundLimit = new OutboundLimit(this.slowClients, sessions);
		this.sessionQueueLimit = new SessionQueueLimit(this.slowClients);
		this.decoder = new EngineIoV4Decoder(this.binaryJsonSupport, configuration.getUpgradeTimeout());
		PacketSerializer serializer = new PacketSerializer(configuration.getJsonSupport());
		ConnectionRecovery connectionRecovery = this.recovery;
		if (connectionRecovery != null) {
			serializer.connectAnswers(new PacketSerializer.ConnectAnswers() {

				@Override
				public String pid(UUID sessionId, String nsp) {
					return connectionRecovery.pid(sessionId, nsp);
				}

				@Override
				public String socketId(UUID sessionId, String nsp) {
					return connectionRecovery.socketId(sessionId, nsp);
				}

				@Override
				public void disconnecting(UUID sessionId, String nsp) {
					connectionRecovery.disconnecting(sessionId, nsp);
				}

			});
			this.recoveryHandler = new ConnectionRecoveryHandler(connectionRecovery, PACKET_HANDLER);
		}
		this.configuration = configuration;
		this.serializer = serializer;
		this.webSocketUpgradeSetup = new WebSocketUpgradeSetup(configuration.getMaxFramePayloadLength());
	}

	@Override
	protected void addSocketioHandlers(ChannelPipeline pipeline) {
		super.addSocketioHandlers(pipeline);
		this.connections.add(pipeline.channel());
		pipeline.addFirst(OUTBOUND_LIMIT, this.outboundLimit);
		pipeline.addAfter(AUTHORIZE_HANDLER, SESSION_QUEUE_LIMIT, this.sessionQueueLimit);
		pipeline.replace(HTTP_AGGREGATOR, HTTP_AGGREGATOR, new OversizedRequestAggregator(this.maxHttpContentLength));
		// ahead of every Socket.IO handler, so that their closes pass it
		pipeline.addAfter(HTTP_AGGREGATOR, POLLING_POST_ORDER, new PollingPostOrder());
		pipeline.addLast(OVERSIZED_MESSAGE_CLOSER, OversizedMessageCloser.INSTANCE);
		if (this.pollingDrain != null) {
			pipeline.addBefore(AUTHORIZE_HANDLER, POLLING_DRAIN, this.pollingDrain);
		}
		if (this.engineIoRequestGuard != null) {
			pipeline.addBefore(AUTHORIZE_HANDLER, ENGINE_IO_REQUEST_GUARD, this.engineIoRequestGuard);
		}
		pipeline.addBefore(PACKET_HANDLER, ENGINE_IO_V4_DECODER, this.decoder);
		pipeline.addBefore(PACKET_HANDLER, PACKET_SENDER, ClientErrorListener.RECORDER);
		if (this.recoveryHandler != null) {
			pipeline.addBefore(PACKET_HANDLER, CONNECTION_RECOVERY, this.recoveryHandler);
		}
		pipeline.addBefore(WEB_SOCKET_TRANSPORT, BINARY_FRAME_MARKER, BinaryFrameMarker.INSTANCE);
		// outbound messages meet the last handler first: ours sees them before netty-socketio's,
		// and a write from the channel meets no other context on its way (a broadcast writes
		// to hundreds of connections, each pipeline cold in the cache); one per connection: it
		// learns where the connection's frames enter once upgraded
		pipeline.addLast(ENGINE_IO_V4_ENCODER, new EngineIoV4Encoder(this.configuration, this.serializer));
		if (this.closeConnections) {
			pipeline.addAfter(HTTP_ENCODER, CONNECTION_CLOSE, ConnectionCloseHandler.INSTANCE);
		}
		pipeline.addAfter(HTTP_ENCODER, UNKNOWN_SESSION, UnknownSessionResponse.INSTANCE);
		pipeline.addAfter(HTTP_ENCODER, WEB_SOCKET_UPGRADE_SETUP, this.webSocketUpgradeSetup);
		if (this.requestGuard != null) {
			pipeline.addAfter(HTTP_REQUEST_DECODER, REQUEST_GUARD, this.requestGuard);
		}
	}

	/**
	 * A session ended: its packets left for polling wait for its next poll, before
	 * netty-socketio forgets it, and the connections it leaves open are closed.
	 */
	@Override
	protected void sessionEnded(EngineIoSession session) {
		if (this.pollingDrain != null) {
			this.pollingDrain.sessionEnded(session);
		}
		this.endedSessionConnections.sessionEnded(session);
		ConnectionRecovery connectionRecovery = this.recovery;
		if (connectionRecovery != null) {
			connectionRecovery.sessionEnded(session.sessionId());
		}
	}

}

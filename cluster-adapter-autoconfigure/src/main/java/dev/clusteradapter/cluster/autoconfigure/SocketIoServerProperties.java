package dev.clusteradapter.cluster.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.Transport;

import dev.clusteradapter.cluster.SocketTransport;
import dev.clusteradapter.cluster.adapter.ConnectionRecoveryOptions;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the netty-socketio server that a worker (or a standalone process) runs.
 */
@ConfigurationProperties("socketio.server")
public class SocketIoServerProperties {

	/**
	 * Address the Socket.IO server binds to. Workers are reached through the primary, so
	 * loopback is enough for them.
	 */
	private String hostname = "127.0.0.1";

	/**
	 * Port of the Socket.IO server. Empty: a free port on a worker (the primary routes to
	 * it), socketio.cluster.port when standalone.
	 */
	private Integer port;

	/**
	 * Path clients connect to.
	 */
	private String context = "/socket.io";

	/**
	 * Transports clients may use.
	 */
	private List<Transport> transports = new ArrayList<>(List.of(Transport.WEBSOCKET, Transport.POLLING));

	/**
	 * Interval between Engine.IO pings.
	 */
	private Duration pingInterval = Duration.ofSeconds(25);

	/**
	 * Time a client has to answer a ping before it is disconnected.
	 */
	private Duration pingTimeout = Duration.ofSeconds(20);

	/**
	 * Time a client has to complete a transport upgrade.
	 */
	private Duration upgradeTimeout = Duration.ofSeconds(10);

	/**
	 * Time a connection has to deliver its first whole request, head and body, before it
	 * is closed. Every polling request comes on a connection of its own, so a polling
	 * upload must arrive within it.
	 */
	private Duration firstDataTimeout = Duration.ofSeconds(5);

	/**
	 * Largest HTTP request body (polling) accepted. Binary travels base64-encoded over
	 * polling, so the default leaves room for a 1 MB payload, Socket.IO's default limit.
	 */
	private DataSize maxHttpContentLength = DataSize.ofKilobytes(1536);

	/**
	 * Largest WebSocket frame accepted, as Socket.IO's maxHttpBufferSize.
	 */
	private DataSize maxFramePayloadLength = DataSize.ofMegabytes(1);

	/**
	 * Most bytes that may wait to be sent to one client: in its connection's write buffer
	 * once the kernel's socket buffers are full, or queued for its next poll. A client that
	 * has more waiting when more comes for it has stopped reading and is disconnected (a
	 * volatile event is dropped for it instead); one message larger than this still goes
	 * to a client with nothing waiting. It bounds the memory a stalled client holds, and
	 * must exceed what a client that reads may lag behind: the default is a second of a
	 * busy stream (500 messages of 2 KB) on a link of 8 Mbit/s, beyond the kernel's socket
	 * buffers. Raise it to send messages near its size to clients on slow links.
	 */
	private DataSize maxOutboundBuffer = DataSize.ofMegabytes(1);

	/**
	 * Value of Access-Control-Allow-Origin; empty echoes the request's origin.
	 */
	private String origin;

	/**
	 * Whether CORS headers are sent.
	 */
	private boolean enableCors = true;

	/**
	 * Whether WebSocket per-message compression is offered. Off by default, as in
	 * Socket.IO 4: it costs the server and every client more than it saves for small
	 * messages.
	 */
	private boolean websocketCompression;

	/**
	 * Whether polling responses are compressed.
	 */
	private boolean httpCompression;

	/**
	 * When acknowledgements are sent: auto-success-only (netty-socketio's default: an
	 * empty one once the listener returns without error), auto, or manual (listeners
	 * answer themselves, also later, as cluster operations need).
	 */
	private AckMode ackMode = AckMode.MANUAL;

	/**
	 * Number of Netty event loop threads accepting connections; 0 for Netty's default.
	 */
	private int bossThreads = 1;

	/**
	 * Number of Netty event loop threads serving connections. 0: in a worker launched by
	 * the primary, the processors divided by socketio.cluster.workers (at least 1);
	 * elsewhere Netty's default (twice the processors).
	 */
	private int workerThreads;

	/**
	 * Netty transport of the client connections (event loops, listening socket, and the
	 * connections the primary hands over): auto (epoll where available, else nio), epoll,
	 * io-uring (less CPU per delivery, but a client that reads can be disconnected by the
	 * outbound limit during a burst), or nio (connections are then relayed, not handed
	 * over). A transport set explicitly and unavailable fails the start.
	 */
	private SocketTransport nettyTransport = SocketTransport.AUTO;

	/**
	 * Socket.IO's connection state recovery, across the cluster.
	 */
	private final ConnectionStateRecovery connectionStateRecovery = new ConnectionStateRecovery();

	public String getHostname() {
		return this.hostname;
	}

	public void setHostname(String hostname) {
		this.hostname = hostname;
	}

	public Integer getPort() {
		return this.port;
	}

	public void setPort(Integer port) {
		this.port = port;
	}

	public String getContext() {
		return this.context;
	}

	public void setContext(String context) {
		this.context = context;
	}

	public List<Transport> getTransports() {
		return this.transports;
	}

	public void setTransports(List<Transport> transports) {
		this.transports = transports;
	}

	public Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(Duration pingInterval) {
		this.pingInterval = pingInterval;
	}

	public Duration getPingTimeout() {
		return this.pingTimeout;
	}

	public void setPingTimeout(Duration pingTimeout) {
		this.pingTimeout = pingTimeout;
	}

	public Duration getUpgradeTimeout() {
		return this.upgradeTimeout;
	}

	public void setUpgradeTimeout(Duration upgradeTimeout) {
		this.upgradeTimeout = upgradeTimeout;
	}

	public Duration getFirstDataTimeout() {
		return this.firstDataTimeout;
	}

	public void setFirstDataTimeout(Duration firstDataTimeout) {
		this.firstDataTimeout = firstDataTimeout;
	}

	public DataSize getMaxHttpContentLength() {
		return this.maxHttpContentLength;
	}

	public void setMaxHttpContentLength(DataSize maxHttpContentLength) {
		this.maxHttpContentLength = maxHttpContentLength;
	}

	public DataSize getMaxFramePayloadLength() {
		return this.maxFramePayloadLength;
	}

	public void setMaxFramePayloadLength(DataSize maxFramePayloadLength) {
		this.maxFramePayloadLength = maxFramePayloadLength;
	}

	public DataSize getMaxOutboundBuffer() {
		return this.maxOutboundBuffer;
	}

	public void setMaxOutboundBuffer(DataSize maxOutboundBuffer) {
		this.maxOutboundBuffer = maxOutboundBuffer;
	}

	public String getOrigin() {
		return this.origin;
	}

	public void setOrigin(String origin) {
		this.origin = origin;
	}

	public boolean isEnableCors() {
		return this.enableCors;
	}

	public void setEnableCors(boolean enableCors) {
		this.enableCors = enableCors;
	}

	public boolean isWebsocketCompression() {
		return this.websocketCompression;
	}

	public void setWebsocketCompression(boolean websocketCompression) {
		this.websocketCompression = websocketCompression;
	}

	public boolean isHttpCompression() {
		return this.httpCompression;
	}

	public void setHttpCompression(boolean httpCompression) {
		this.httpCompression = httpCompression;
	}

	public AckMode getAckMode() {
		return this.ackMode;
	}

	public void setAckMode(AckMode ackMode) {
		this.ackMode = ackMode;
	}

	public int getBossThreads() {
		return this.bossThreads;
	}

	public void setBossThreads(int bossThreads) {
		this.bossThreads = bossThreads;
	}

	public int getWorkerThreads() {
		return this.workerThreads;
	}

	public void setWorkerThreads(int workerThreads) {
		this.workerThreads = workerThreads;
	}

	public SocketTransport getNettyTransport() {
		return this.nettyTransport;
	}

	public void setNettyTransport(SocketTransport nettyTransport) {
		this.nettyTransport = nettyTransport;
	}

	public ConnectionStateRecovery getConnectionStateRecovery() {
		return this.connectionStateRecovery;
	}

	/**
	 * Socket.IO's connection state recovery (the Node server's connectionStateRecovery
	 * option), across the cluster, with the caps that bound its memory on each process.
	 */
	public static class ConnectionStateRecovery {

		/**
		 * Whether a client that reconnects after a short disconnection gets back its
		 * session: rooms, data and every room event it missed, on whichever worker it
		 * reaches. Set it alike on every process of a cluster.
		 */
		private boolean enabled;

		/**
		 * How long a disconnected session can be restored.
		 */
		private Duration maxDisconnectionDuration = ConnectionRecoveryOptions.DEFAULT_MAX_DISCONNECTION_DURATION;

		/**
		 * Whether a restored client skips the namespaces' auth token listeners.
		 */
		private boolean skipMiddlewares = true;

		/**
		 * Most events one client may have missed and still be restored; a client that
		 * missed more starts a fresh session rather than receive them with a gap.
		 */
		private int maxMissedEvents = ConnectionRecoveryOptions.DEFAULT_MAX_MISSED_EVENTS;

		/**
		 * Most recoverable broadcasts each process keeps, all namespaces together (older
		 * ones go first; a client whose last event went starts fresh).
		 */
		private int maxLoggedEvents = ConnectionRecoveryOptions.DEFAULT_MAX_LOGGED_EVENTS;

		/**
		 * Most disconnected sessions each process keeps; the oldest goes first.
		 */
		private int maxSessions = ConnectionRecoveryOptions.DEFAULT_MAX_SESSIONS;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMaxDisconnectionDuration() {
			return this.maxDisconnectionDuration;
		}

		public void setMaxDisconnectionDuration(Duration maxDisconnectionDuration) {
			this.maxDisconnectionDuration = maxDisconnectionDuration;
		}

		public boolean isSkipMiddlewares() {
			return this.skipMiddlewares;
		}

		public void setSkipMiddlewares(boolean skipMiddlewares) {
			this.skipMiddlewares = skipMiddlewares;
		}

		public int getMaxMissedEvents() {
			return this.maxMissedEvents;
		}

		public void setMaxMissedEvents(int maxMissedEvents) {
			this.maxMissedEvents = maxMissedEvents;
		}

		public int getMaxLoggedEvents() {
			return this.maxLoggedEvents;
		}

		public void setMaxLoggedEvents(int maxLoggedEvents) {
			this.maxLoggedEvents = maxLoggedEvents;
		}

		public int getMaxSessions() {
			return this.maxSessions;
		}

		public void setMaxSessions(int maxSessions) {
			this.maxSessions = maxSessions;
		}

		/**
		 * The library's options for these settings.
		 * @return the options
		 */
		ConnectionRecoveryOptions toOptions() {
			return new ConnectionRecoveryOptions(this.maxDisconnectionDuration, this.skipMiddlewares, this.maxMissedEvents,
					this.maxLoggedEvents, this.maxSessions);
		}

	}

}

package dev.clusteradapter.cluster.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.clusteradapter.cluster.ClusterRole;
import dev.clusteradapter.cluster.ipc.IpcTransport;
import dev.clusteradapter.cluster.redis.RedisMode;
import dev.clusteradapter.cluster.redis.RedisTransportOptions;
import dev.clusteradapter.cluster.sticky.LoadBalancing;
import dev.clusteradapter.cluster.sticky.StickyMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the Socket.IO cluster.
 */
@ConfigurationProperties("socketio.cluster")
public class ClusterProperties {

	/**
	 * Whether the starter sets up the Socket.IO cluster. When false it configures nothing:
	 * no primary, no worker JVMs, no Socket.IO server (for example in tests of an
	 * application that has the starter on its class path).
	 */
	private boolean enabled = true;

	/**
	 * Part this process plays: auto (primary unless started by a primary as its worker),
	 * primary, worker or standalone.
	 */
	private ClusterRole role = ClusterRole.AUTO;

	/**
	 * Number of worker JVMs the primary starts. 0 lets external workers join by IPC address
	 * and secret instead. Defaults to the number of available processors.
	 */
	private int workers = Runtime.getRuntime().availableProcessors();

	/**
	 * Id of this worker. Set by the primary for the workers it starts; 0 for an external
	 * worker lets the primary assign one.
	 */
	private int workerId;

	/**
	 * Public Socket.IO port, owned by the primary (or by a standalone server).
	 */
	private int port = 3000;

	/**
	 * Address the public port binds to.
	 */
	private String host = "0.0.0.0";

	/**
	 * How the primary picks a worker for a new session.
	 */
	private LoadBalancing loadBalancing = LoadBalancing.LEAST_CONNECTION;

	/**
	 * Default time limit of requests that wait for other workers (fetching sockets,
	 * server-side emits and broadcasts with acknowledgements).
	 */
	private Duration requestsTimeout = Duration.ofSeconds(5);

	/**
	 * Interval between heartbeats on each IPC link.
	 */
	private Duration heartbeatInterval = Duration.ofSeconds(1);

	/**
	 * Time without a heartbeat after which an IPC link is considered dead.
	 */
	private Duration heartbeatTimeout = Duration.ofSeconds(5);

	private final Ipc ipc = new Ipc();

	private final Worker worker = new Worker();

	private final Sticky sticky = new Sticky();

	/**
	 * What carries the adapter's messages between the processes serving clients: ipc (one
	 * host) or redis (every process on every host, with Node.js servers on the same Redis).
	 */
	private ClusterTransport transport = ClusterTransport.IPC;

	private final Redis redis = new Redis();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public ClusterRole getRole() {
		return this.role;
	}

	public void setRole(ClusterRole role) {
		this.role = role;
	}

	public int getWorkers() {
		return this.workers;
	}

	public void setWorkers(int workers) {
		this.workers = workers;
	}

	public int getWorkerId() {
		return this.workerId;
	}

	public void setWorkerId(int workerId) {
		this.workerId = workerId;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public LoadBalancing getLoadBalancing() {
		return this.loadBalancing;
	}

	public void setLoadBalancing(LoadBalancing loadBalancing) {
		this.loadBalancing = loadBalancing;
	}

	public Duration getRequestsTimeout() {
		return this.requestsTimeout;
	}

	public void setRequestsTimeout(Duration requestsTimeout) {
		this.requestsTimeout = requestsTimeout;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getHeartbeatTimeout() {
		return this.heartbeatTimeout;
	}

	public void setHeartbeatTimeout(Duration heartbeatTimeout) {
		this.heartbeatTimeout = heartbeatTimeout;
	}

	public Ipc getIpc() {
		return this.ipc;
	}

	public Worker getWorker() {
		return this.worker;
	}

	public Sticky getSticky() {
		return this.sticky;
	}

	/**
	 * IPC channel between the primary and its workers.
	 */
	public static class Ipc {

		/**
		 * Transport of the IPC channel: auto (Unix domain socket where native epoll is
		 * available, loopback TCP elsewhere), unix or tcp.
		 */
		private IpcTransport transport = IpcTransport.AUTO;

		/**
		 * Directory of the primary's Unix socket, made private (0700). Empty: a fresh
		 * temporary directory, removed when the primary stops.
		 */
		private Path socketDirectory;

		/**
		 * Address the primary's TCP endpoint binds to.
		 */
		private String host = "127.0.0.1";

		/**
		 * Port of the primary's TCP endpoint; 0 for a free one.
		 */
		private int port;

		/**
		 * Primary's IPC endpoint, as "unix:/path/to/socket" or "tcp:host:port", for
		 * external workers (workers started by the primary are told it).
		 */
		private String address;

		/**
		 * Shared secret that authenticates workers to the primary, Base64 of at least 16
		 * bytes. Empty on the primary: a fresh one per start, handed to the workers it
		 * starts; external workers must be given the primary's.
		 */
		private String secret;

		/**
		 * Largest IPC frame accepted; a larger one closes the link that sent it.
		 */
		private DataSize maxFrameSize = DataSize.ofMegabytes(16);

		/**
		 * Most bytes queued for one IPC peer; a peer that falls further behind is
		 * disconnected so it cannot stall the others or exhaust memory.
		 */
		private DataSize outboundQueueLimit = DataSize.ofMegabytes(16);

		/**
		 * Time a new IPC peer has to authenticate.
		 */
		private Duration authTimeout = Duration.ofSeconds(5);

		public IpcTransport getTransport() {
			return this.transport;
		}

		public void setTransport(IpcTransport transport) {
			this.transport = transport;
		}

		public Path getSocketDirectory() {
			return this.socketDirectory;
		}

		public void setSocketDirectory(Path socketDirectory) {
			this.socketDirectory = socketDirectory;
		}

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public String getAddress() {
			return this.address;
		}

		public void setAddress(String address) {
			this.address = address;
		}

		public String getSecret() {
			return this.secret;
		}

		public void setSecret(String secret) {
			this.secret = secret;
		}

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public DataSize getOutboundQueueLimit() {
			return this.outboundQueueLimit;
		}

		public void setOutboundQueueLimit(DataSize outboundQueueLimit) {
			this.outboundQueueLimit = outboundQueueLimit;
		}

		public Duration getAuthTimeout() {
			return this.authTimeout;
		}

		public void setAuthTimeout(Duration authTimeout) {
			this.authTimeout = authTimeout;
		}

	}

	/**
	 * Worker JVMs started by the primary.
	 */
	public static class Worker {

		/**
		 * JVM options of each worker JVM, such as -Xmx256m. A single value is split at its
		 * commas: give an option that holds a comma by index (jvm-options[0]=...).
		 */
		private List<String> jvmOptions = new ArrayList<>();

		/**
		 * Whether workers start the application's own web server (server.port) too. Off by
		 * default: web endpoints and Actuator live on the primary.
		 */
		private boolean web;

		/**
		 * Delay before the first restart of a worker that exited; doubled on each further
		 * exit up to the maximum.
		 */
		private Duration restartInitialDelay = Duration.ofMillis(500);

		/**
		 * Longest delay between restarts of a worker that keeps exiting.
		 */
		private Duration restartMaxDelay = Duration.ofSeconds(10);

		/**
		 * Time a worker must stay up for its restart delay to start over from the initial
		 * delay.
		 */
		private Duration restartResetAfter = Duration.ofSeconds(30);

		/**
		 * Time workers have to stop gracefully when the primary stops, before they are
		 * killed.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		/**
		 * Whether the primary keeps a standby worker JVM, started once every worker
		 * serves: its application starts and waits, and it takes over a worker that ends at
		 * once, so that the worker's share of clients is served again within a second
		 * instead of after a JVM's and the application's start. Costs the memory of one idle
		 * worker.
		 */
		private boolean standby = true;

		public List<String> getJvmOptions() {
			return this.jvmOptions;
		}

		public void setJvmOptions(List<String> jvmOptions) {
			this.jvmOptions = jvmOptions;
		}

		public boolean isWeb() {
			return this.web;
		}

		public void setWeb(boolean web) {
			this.web = web;
		}

		public Duration getRestartInitialDelay() {
			return this.restartInitialDelay;
		}

		public void setRestartInitialDelay(Duration restartInitialDelay) {
			this.restartInitialDelay = restartInitialDelay;
		}

		public Duration getRestartMaxDelay() {
			return this.restartMaxDelay;
		}

		public void setRestartMaxDelay(Duration restartMaxDelay) {
			this.restartMaxDelay = restartMaxDelay;
		}

		public Duration getRestartResetAfter() {
			return this.restartResetAfter;
		}

		public void setRestartResetAfter(Duration restartResetAfter) {
			this.restartResetAfter = restartResetAfter;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public boolean isStandby() {
			return this.standby;
		}

		public void setStandby(boolean standby) {
			this.standby = standby;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

	/**
	 * Sticky routing of client connections in the primary.
	 */
	public static class Sticky {

		/**
		 * How a routed connection reaches its worker: auto (handover where native epoll
		 * is available, else relay), handover (the connection itself passes to the
		 * worker) or relay (the primary pipes bytes).
		 */
		private StickyMode mode = StickyMode.AUTO;

		/**
		 * Largest request head (request line and headers) the primary reads to route a
		 * request; a larger one is answered with 431.
		 */
		private DataSize maxHeaderSize = DataSize.ofKilobytes(8);

		/**
		 * Time a new connection has to send its first request head before it is closed.
		 */
		private Duration headTimeout = Duration.ofSeconds(10);

		public StickyMode getMode() {
			return this.mode;
		}

		public void setMode(StickyMode mode) {
			this.mode = mode;
		}

		public DataSize getMaxHeaderSize() {
			return this.maxHeaderSize;
		}

		public void setMaxHeaderSize(DataSize maxHeaderSize) {
			this.maxHeaderSize = maxHeaderSize;
		}

		public Duration getHeadTimeout() {
			return this.headTimeout;
		}

		public void setHeadTimeout(Duration headTimeout) {
			this.headTimeout = headTimeout;
		}

	}

	public ClusterTransport getTransport() {
		return this.transport;
	}

	public void setTransport(ClusterTransport transport) {
		this.transport = transport;
	}

	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * The Redis transport. The connection is Spring Boot's, from {@code spring.data.redis.*}.
	 */
	public static class Redis {

		/**
		 * Which of Socket.IO's Redis adapters to speak like: classic (createAdapter, PUBLISH)
		 * or sharded (createShardedAdapter, SPUBLISH, Redis 7 or later).
		 */
		private RedisMode mode = RedisMode.CLASSIC;

		/**
		 * Prefix of the channels, as the Node adapter's key (classic) or channelPrefix
		 * (sharded) option.
		 */
		private String prefix = RedisTransportOptions.DEFAULT_PREFIX;

		/**
		 * Most bytes waiting to be written to Redis; past it, messages are dropped and
		 * counted instead of queued.
		 */
		private DataSize maxPending = DataSize.ofMegabytes(16);

		/**
		 * Interval between a peer's heartbeats on Redis (socket.io's heartbeatInterval).
		 * While a peer sends requests, it also checks every second that each peer is still
		 * subscribed, so a peer killed mid-request is noticed within about a second.
		 */
		private Duration heartbeatInterval = RedisTransportOptions.DEFAULT_HEARTBEAT_INTERVAL;

		/**
		 * Silence after which a peer on Redis is gone (socket.io's heartbeatTimeout): a peer
		 * that hangs with its Redis link open.
		 */
		private Duration heartbeatTimeout = RedisTransportOptions.DEFAULT_HEARTBEAT_TIMEOUT;

		public Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
		}

		public Duration getHeartbeatTimeout() {
			return this.heartbeatTimeout;
		}

		public void setHeartbeatTimeout(Duration heartbeatTimeout) {
			this.heartbeatTimeout = heartbeatTimeout;
		}

		public RedisMode getMode() {
			return this.mode;
		}

		public void setMode(RedisMode mode) {
			this.mode = mode;
		}

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		public DataSize getMaxPending() {
			return this.maxPending;
		}

		public void setMaxPending(DataSize maxPending) {
			this.maxPending = maxPending;
		}

	}

}

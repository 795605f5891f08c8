package dev.clusteradapter.cluster.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.BroadcastAckCallback;
import com.corundumstudio.socketio.BroadcastOperations;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.SocketIOServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clusteradapter.cluster.SocketTransport;
import dev.clusteradapter.cluster.adapter.ClusterStoreFactory;
import dev.clusteradapter.cluster.adapter.ConnectionRecovery;
import dev.clusteradapter.cluster.server.ClusteredBroadcastOperations.Part;
import dev.clusteradapter.cluster.socketio.EngineIoSession;
import dev.clusteradapter.cluster.socketio.EventLoopScheduler;
import dev.clusteradapter.cluster.socketio.NettySocketIoCompatibility;
import dev.clusteradapter.cluster.socketio.SocketIoServerStart;

/**
 * A netty-socketio server that every Socket.IO v4 client can use fully, and that accepts
 * connections handed over by the cluster's primary process.
 * <p>
 * A {@link SocketIOServer} subclass, so the whole netty-socketio API (listeners,
 * namespaces, rooms, broadcasts) stays as it is. What it changes:
 * <ul>
 * <li>binary payloads of events, acks and broadcasts reach v4 clients intact, both ways,
 * over WebSocket and polling (see {@link EngineIoV4Encoder}, {@link EngineIoV4Decoder});
 * with a {@link ClusterJsonSupport} (set when the configuration has no JSON support)
 * binary arguments arrive as {@code byte[]} even where declared {@code Object};</li>
 * <li>an upgrade from polling to WebSocket never stalls on a held polling request
 * (see {@link UpgradePollingCycle});</li>
 * <li>the listening socket always has {@code SO_REUSEADDR}, so a restarted cluster binds
 * at once;</li>
 * <li>optionally, every HTTP response carries {@code Connection: close};</li>
 * <li>{@link #start()} fails with a clear message and leaves no thread behind,
 * {@link #stop()} is quick and safe at any time, {@link #getPort()} tells the bound
 * port;</li>
 * <li>its connections run on the Netty transport {@link #setTransport(SocketTransport) set}:
 * epoll where available unless set otherwise, io_uring when set (netty-socketio's own
 * {@code useLinuxNativeEpoll} setting is not consulted);</li>
 * <li>{@link #adopt(int, ByteBuf)} serves a connection accepted elsewhere;</li>
 * <li>a client that stops reading cannot hold the server's memory: once more than
 * {@link #setMaxOutboundBuffer(long)} waits for it, it is disconnected (see
 * {@link OutboundLimit}, {@link SessionQueueLimit}); the connections of a session that
 * ended are closed (see {@link EndedSessionConnections}); a polling session the server
 * ends leaves its last packets to its next poll (see {@link PollingDrain});</li>
 * <li>with a {@link ClusterStoreFactory} whose adapter has {@link ConnectionRecovery}
 * enabled, Socket.IO's connection state recovery, across the cluster (see
 * {@link ConnectionRecoveryHandler});</li>
 * <li>with a {@link ClusterStoreFactory}, broadcasts with a {@link BroadcastAckCallback}
 * (through {@link #getBroadcastOperations()}, {@link #getRoomOperations(String...)} and the
 * operations of the namespaces this server returns) ask the matching clients of every
 * worker and report each one's answer, see {@link ClusteredBroadcastOperations}. The
 * namespaces returned are then views of netty-socketio's, not its {@code Namespace}
 * class.</li>
 * </ul>
 * {@link #newConfiguration()} gives the starter's defaults.
 */
public class ClusteredSocketIOServer extends SocketIOServer {

	private static final Logger logger = LoggerFactory.getLogger(ClusteredSocketIOServer.class);

	private static final long QUIET_PERIOD_MILLIS = 100;

	private static final long SHUTDOWN_TIMEOUT_MILLIS = 5000;

	private static final Duration FAREWELL_PATIENCE = Duration.ofSeconds(1);

	/** Default of {@link #setMaxOutboundBuffer(long)}: 1 MB. */
	public static final long DEFAULT_MAX_OUTBOUND_BUFFER = 1024 * 1024;

	private final ClusterChannelInitializer initializer;

	private volatile Channel serverChannel;

	private volatile EventLoopGroup bossGroup;

	private volatile EventLoopGroup workerGroup;

	private volatile Map<ChannelOption<?>, Object> childOptions = Map.of();

	private volatile SocketTransport transport = SocketTransport.AUTO;

	/** Loops shared with other connections, or {@code null} for the server's own. */
	private volatile ServerEventLoops eventLoops;

	/** The shared loops the running worker group is, released (not shut down) at stop; else {@code null}. */
	private volatile ServerEventLoops acquiredLoops;

	/** The transport of the event loops, resolved at start; {@code null} before. */
	private volatile SocketTransport running;

	/** Connection state recovery of the cluster node; {@code null} without a cluster. */
	private final ConnectionRecovery recovery;

	/** Cluster-aware namespaces; {@code null} without a cluster, and while netty-socketio constructs. */
	private final NamespaceViews namespaces;

	/**
	 * Creates a server whose HTTP responses carry {@code Connection: close}, as cluster
	 * workers need.
	 * @param configuration netty-socketio settings; read now, later changes are ignored
	 */
	public ClusteredSocketIOServer(Configuration configuration) {
		this(configuration, true);
	}

	/**
	 * Creates a server.
	 * @param configuration netty-socketio settings; read now, later changes are ignored.
	 * Without a JSON support, a {@link ClusterJsonSupport} is set on it.
	 * @param closeConnections whether every HTTP response carries {@code Connection: close}
	 */
	public ClusteredSocketIOServer(Configuration configuration, boolean closeConnections) {
		this(configuration, closeConnections, null);
	}

	/**
	 * Creates a server with a guard on its HTTP requests.
	 * @param configuration netty-socketio settings; read now, later changes are ignored.
	 * Without a JSON support, a {@link ClusterJsonSupport} is set on it.
	 * @param closeConnections whether every HTTP response carries {@code Connection: close}
	 * @param requestGuard a {@link io.netty.channel.ChannelHandler.Sharable sharable}
	 * handler placed right after the HTTP request decoder of every connection (the sticky
	 * router's session id assigner), or {@code null}
	 * @throws IllegalStateException when the netty-socketio on the class path lacks a member
	 * the starter needs (see {@link NettySocketIoCompatibility}, which also warns of a
	 * netty-socketio version other than the tested one)
	 */
	public ClusteredSocketIOServer(Configuration configuration, boolean closeConnections, ChannelHandler requestGuard) {
		super(verified(withJsonSupport(configuration)));
		this.initializer = new ClusterChannelInitializer(closeConnections,
				(configuration.getJsonSupport() instanceof ClusterJsonSupport binary) ? binary : null, requestGuard);
		setPipelineFactory(this.initializer);
		this.namespaces = (configuration.getStoreFactory() instanceof ClusterStoreFactory storeFactory)
				? new NamespaceViews(storeFactory.adapter(), super::getNamespace) : null;
		this.recovery = (configuration.getStoreFactory() instanceof ClusterStoreFactory storeFactory)
				? storeFactory.adapter().recovery() : null;
		if (this.recovery != null) {
			this.initializer.recovery(this.recovery);
			// before any listener of the application's: a restored socket is in its rooms when they run
			recoverable(super.getNamespace(""));
		}
	}

	private void recoverable(SocketIONamespace namespace) {
		ConnectionRecovery connectionRecovery = this.recovery;
		namespace.addConnectListener(connectionRecovery::connected);
		namespace.addDisconnectListener((client) -> {
			EngineIoSession session = EngineIoSession.of(client);
			connectionRecovery.disconnected(client, session != null && !session.isOpen());
		});
	}

	/**
	 * A configuration with the starter's defaults, for a caller to adjust: no WebSocket
	 * per-message compression (as Socket.IO 4: it costs more than it saves on small
	 * messages), no HTTP compression (netty-socketio would gzip every polling response,
	 * however small), {@code SO_REUSEADDR}, random session ids (a client
	 * cannot pick its own), the native epoll transport where available (for a plain
	 * {@link SocketIOServer}: this class runs on the transport of
	 * {@link #setTransport(SocketTransport)}), a {@link ClusterJsonSupport}, and a
	 * {@link ClientErrorListener} (a client's malformed packet closes its connection).
	 * @return a new configuration
	 */
	public static Configuration newConfiguration() {
		Configuration configuration = new Configuration();
		configuration.setWebsocketCompression(false);
		configuration.setHttpCompression(false);
		configuration.getSocketConfig().setReuseAddress(true);
		configuration.setRandomSession(true);
		configuration.setUseLinuxNativeEpoll(Epoll.isAvailable());
		configuration.setJsonSupport(new ClusterJsonSupport());
		configuration.setExceptionListener(new ClientErrorListener());
		return configuration;
	}

	/** Fails before netty-socketio builds anything when its version lacks what the starter needs. */
	private static Configuration verified(Configuration configuration) {
		NettySocketIoCompatibility.verify();
		return configuration;
	}

	private static Configuration withJsonSupport(Configuration configuration) {
		if (configuration.getJsonSupport() == null) {
			configuration.setJsonSupport(new ClusterJsonSupport());
		}
		return configuration;
	}

	/**
	 * Sets the most bytes that may wait to be sent to one client before it is disconnected
	 * (see {@link OutboundLimit}); {@link #DEFAULT_MAX_OUTBOUND_BUFFER} unless set. Set it
	 * before {@link #start()}, which fixes the connections' write buffer water mark.
	 * @param bytes the limit, at least 1
	 */
	public void setMaxOutboundBuffer(long bytes) {
		if (bytes < 1) {
			throw new IllegalArgumentException("maxOutboundBuffer must be positive: " + bytes);
		}
		this.initializer.slowClients().setLimit(bytes);
	}

	/**
	 * The most bytes that may wait to be sent to one client.
	 * @return the limit
	 */
	public long getMaxOutboundBuffer() {
		return this.initializer.slowClients().limit();
	}

	/**
	 * Sets the Netty transport of the server's event loops, listening socket and adopted
	 * connections; {@link SocketTransport#AUTO} unless set. Set it before {@link #start()}.
	 * @param transport the transport
	 */
	public void setTransport(SocketTransport transport) {
		this.transport = Objects.requireNonNull(transport, "transport");
	}

	/**
	 * Serves the client connections on event loops shared with other connections of the
	 * process (see {@link ServerEventLoops}) when their transport is the server's
	 * {@link #setTransport(SocketTransport) transport} and their number the configuration's
	 * worker threads; else, and unless set, the server
	 * makes loops of its own. Set it before {@link #start()}.
	 * @param eventLoops the loops, or {@code null} for loops of the server's own
	 */
	public void setEventLoops(ServerEventLoops eventLoops) {
		this.eventLoops = eventLoops;
	}

	/**
	 * The Netty transport the server runs on.
	 * @return the transport resolved at start, or the one set when not started
	 */
	public SocketTransport getTransport() {
		SocketTransport resolved = this.running;
		return (resolved != null) ? resolved : this.transport;
	}

	/**
	 * Sets the hook that counts the clients cut off because they did not read.
	 * @param metrics the hook
	 */
	public void setSlowClientMetrics(SlowClientMetrics metrics) {
		this.initializer.slowClients().setMetrics(metrics);
	}

	/** Every client connection open. */
	ClientConnections connections() {
		return this.initializer.connections();
	}

	/**
	 * Operations on every client of every namespace, of every worker with a cluster.
	 */
	@Override
	public BroadcastOperations getBroadcastOperations() {
		BroadcastOperations local = super.getBroadcastOperations();
		if (this.namespaces == null) {
			return local;
		}
		List<Part> parts = new ArrayList<>();
		for (SocketIONamespace namespace : super.getAllNamespaces()) {
			parts.add(this.namespaces.view(namespace).part());
		}
		return new ClusteredBroadcastOperations(local, parts, this.namespaces);
	}

	/**
	 * Operations on the members of rooms, in every namespace, of every worker with a
	 * cluster; a client in several of the rooms is asked once per namespace.
	 */
	@Override
	public BroadcastOperations getRoomOperations(String... rooms) {
		BroadcastOperations local = super.getRoomOperations(rooms);
		if (this.namespaces == null) {
			return local;
		}
		List<Part> parts = new ArrayList<>();
		for (SocketIONamespace namespace : super.getAllNamespaces()) {
			parts.add(this.namespaces.view(namespace).part(rooms));
		}
		return new ClusteredBroadcastOperations(local, parts, this.namespaces);
	}

	@Override
	public SocketIONamespace addNamespace(String name) {
		boolean added = this.recovery != null && super.getNamespace(name) == null;
		SocketIONamespace namespace = super.addNamespace(name);
		if (added) {
			recoverable(namespace);
		}
		// netty-socketio's constructor adds the default namespace before this class is initialised
		return (this.namespaces != null) ? this.namespaces.view(namespace) : namespace;
	}

	/**
	 * A client of the default namespace on this worker by its Socket.IO id: its session id,
	 * or the id it had before connection state recovery restored it.
	 * @param uuid the id
	 * @return the client, or {@code null}
	 */
	@Override
	public SocketIOClient getClient(UUID uuid) {
		return (this.namespaces != null) ? getNamespace("").getClient(uuid) : super.getClient(uuid);
	}

	@Override
	public SocketIONamespace getNamespace(String name) {
		SocketIONamespace namespace = super.getNamespace(name);
		return (this.namespaces != null) ? this.namespaces.view(namespace) : namespace;
	}

	@Override
	public Collection<SocketIONamespace> getAllNamespaces() {
		Collection<SocketIONamespace> all = super.getAllNamespaces();
		return (this.namespaces != null) ? this.namespaces.views(all) : all;
	}

	@Override
	public void removeNamespace(String name) {
		super.removeNamespace(name);
		if (this.namespaces != null) {
			this.namespaces.forget(name);
		}
	}

	/**
	 * Binds the configured address and starts serving.
	 * @throws IllegalStateException if the address cannot be bound (port taken, no such
	 * host); the server is then stopped
	 */
	@Override
	public void start() {
		Future<Void> bound = startAsync().awaitUninterruptibly();
		if (!bound.isSuccess()) {
			stop();
			Throwable cause = bound.cause();
			throw new IllegalStateException("Socket.IO server cannot listen on " + describeAddress() + ": "
					+ cause.getMessage(), cause);
		}
	}

	/**
	 * Starts listening on the configured address, as netty-socketio's own
	 * {@code startAsync} does, but on the transport {@link #setTransport(SocketTransport) set}.
	 * @throws IllegalStateException when the transport set explicitly is unavailable
	 */
	@Override
	public Future<Void> startAsync() {
		Configuration configuration = SocketIoServerStart.configuration(this);
		String description = this.transport.describe();
		SocketTransport resolved = this.transport.resolve();
		logger.info("Socket.IO server transport: {}", description);
		EventLoopGroup boss = new MultiThreadIoEventLoopGroup(configuration.getBossThreads(),
				new DefaultThreadFactory("socketio-boss"), resolved.ioHandlerFactory());
		ServerEventLoops shared = (this.eventLoops != null && this.eventLoops.transport() == resolved
				&& this.eventLoops.threads() == configuration.getWorkerThreads()) ? this.eventLoops : null;
		EventLoopGroup workers = (shared != null) ? shared.acquire()
				: new MultiThreadIoEventLoopGroup(configuration.getWorkerThreads(),
						new DefaultThreadFactory("socketio-worker"), resolved.ioHandlerFactory());
		try {
			// netty-socketio's timers on the connections' loops, not on a thread ticking ten
			// times a second
			this.initializer.useScheduler(new EventLoopScheduler(workers));
			SocketIoServerStart.startPipeline(this, this.initializer);
		}
		catch (RuntimeException | Error ex) {
			boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
			if (shared != null) {
				shared.release();
			}
			else {
				workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
			}
			throw ex;
		}
		this.acquiredLoops = shared;
		this.running = resolved;
		ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers)
			.channel(resolved.serverSocketChannel())
			.childHandler(this.initializer);
		applyConnectionOptions(bootstrap);
		InetSocketAddress address = (configuration.getHostname() != null)
				? new InetSocketAddress(configuration.getHostname(), configuration.getPort())
				: new InetSocketAddress(configuration.getPort());
		ChannelFuture bound = bootstrap.bind(address);
		this.serverChannel = bound.channel();
		return bound;
	}

	@Override
	protected void applyConnectionOptions(ServerBootstrap bootstrap) {
		super.applyConnectionOptions(bootstrap);
		bootstrap.option(ChannelOption.SO_REUSEADDR, true);
		bootstrap.childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, HeldMemoryEstimator.INSTANCE);
		// a connection stops being writable (volatile events skip it) before the limit at the latest
		long limit = this.initializer.slowClients().limit();
		WriteBufferWaterMark mark = (WriteBufferWaterMark) bootstrap.config()
			.childOptions()
			.getOrDefault(ChannelOption.WRITE_BUFFER_WATER_MARK, WriteBufferWaterMark.DEFAULT);
		if (mark.high() > limit) {
			int high = (int) limit;
			bootstrap.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
					new WriteBufferWaterMark(Math.min(mark.low(), high / 2), high));
		}
		this.bossGroup = bootstrap.config().group();
		this.workerGroup = bootstrap.config().childGroup();
		this.childOptions = bootstrap.config().childOptions();
	}

	/**
	 * Stops listening, closes every client connection (polling clients first get an
	 * Engine.IO close packet; all clients notice at once, and reconnect elsewhere), waits up
	 * to a second for the last responses to go out, and releases the threads. Does nothing
	 * when not started.
	 */
	@Override
	public void stop() {
		EventLoopGroup boss = this.bossGroup;
		EventLoopGroup workers = this.workerGroup;
		if (boss == null || workers == null) {
			return;
		}
		Channel listening = this.serverChannel;
		// the port stays open while the sessions take their goodbye: a polling client between
		// two polls takes it with its next poll, on a new connection; new sessions are refused
		boolean refusing = this.initializer.refuseHandshakes();
		if (listening != null && !refusing) {
			listening.close().awaitUninterruptibly();
		}
		List<SocketIOClient> clients = new ArrayList<>();
		for (SocketIONamespace namespace : getAllNamespaces()) {
			clients.addAll(namespace.getAllClients());
		}
		this.initializer.connections().closeAll(clients, FAREWELL_PATIENCE);
		if (listening != null && refusing) {
			listening.close().awaitUninterruptibly();
		}
		if (this.recovery != null && this.recovery.enabled()) {
			// their sessions stay for the adapter to hand over when it closes
			this.recovery.awaitSocketsGone(FAREWELL_PATIENCE);
		}
		Future<?> bossTerminated = boss.shutdownGracefully(QUIET_PERIOD_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		// shared loops go on for their other users (every connection of this server is closed
		// by now): the last user shuts them down
		ServerEventLoops acquired = this.acquiredLoops;
		this.acquiredLoops = null;
		Future<?> workersTerminated = (acquired != null) ? acquired.release()
				: workers.shutdownGracefully(QUIET_PERIOD_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		bossTerminated.awaitUninterruptibly();
		workersTerminated.awaitUninterruptibly();
		// what netty-socketio's own stop does besides its groups, which startAsync never made
		this.initializer.stop();
		this.serverChannel = null;
		this.bossGroup = null;
		this.workerGroup = null;
		this.running = null;
	}

	/**
	 * Port the server listens on: the one chosen by the system when configured as 0.
	 * @return the bound port
	 * @throws IllegalStateException when not listening
	 */
	public int getPort() {
		Channel listening = this.serverChannel;
		if (listening == null || !(listening.localAddress() instanceof InetSocketAddress address)) {
			throw new IllegalStateException("Socket.IO server is not listening");
		}
		return address.getPort();
	}

	/**
	 * Serves a client connection accepted elsewhere (by the primary, which passed its file
	 * descriptor) on this server's transport, as {@link #adopt(Channel, ByteBuf)}. Implements
	 * the handover's {@code ConnectionAdopter}.
	 * @param fd the connected TCP socket, which this server owns from the call on: it is
	 * closed when it cannot be served, also when this method throws
	 * @param alreadyRead bytes read from the connection before the hand-over (may be empty);
	 * released by this method
	 * @return the registration, failed when the connection could not be registered (it is
	 * then closed)
	 * @throws IllegalStateException when the server is not started
	 * @throws UnsupportedOperationException when the server runs on NIO, which cannot adopt
	 * a descriptor
	 */
	public ChannelFuture adopt(int fd, ByteBuf alreadyRead) {
		SocketTransport resolved = this.running;
		try {
			if (resolved == null) {
				throw new IllegalStateException("Socket.IO server is not started");
			}
			if (resolved == SocketTransport.NIO) {
				throw new UnsupportedOperationException("A Socket.IO server on NIO cannot adopt a socket descriptor");
			}
		}
		catch (RuntimeException ex) {
			alreadyRead.release();
			closeQuietly(fd);
			throw ex;
		}
		Channel channel = resolved.socketChannel(fd);
		try {
			return adopt(channel, alreadyRead);
		}
		catch (RuntimeException ex) {
			channel.unsafe().closeForcibly();
			throw ex;
		}
	}

	private static void closeQuietly(int fd) {
		try {
			new FileDescriptor(fd).close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
	}

	/**
	 * Serves a client connection accepted elsewhere (by the primary, which passed its file
	 * descriptor): registers it with this server's workers, builds its pipeline as for a
	 * connection accepted here, and feeds it the bytes already read from it, before any
	 * further byte.
	 * <p>
	 * The channel must suit the server's {@link #getTransport() transport}: on Linux
	 * {@code IoUringAdoption.socketChannel(fd)} or {@code new EpollSocketChannel(fd)}, as
	 * {@link #adopt(int, ByteBuf)} makes it.
	 * @param channel a connected channel, not registered with any event loop
	 * @param alreadyRead bytes read from the connection before the hand-over (may be empty);
	 * released by this method
	 * @return the registration, failed when the channel does not suit the workers' event
	 * loops (the channel is then closed)
	 * @throws IllegalStateException when the server is not started
	 */
	public ChannelFuture adopt(Channel channel, ByteBuf alreadyRead) {
		EventLoopGroup workers = this.workerGroup;
		if (workers == null || this.serverChannel == null) {
			alreadyRead.release();
			throw new IllegalStateException("Socket.IO server is not started");
		}
		if (channel.isRegistered()) {
			alreadyRead.release();
			throw new IllegalArgumentException("Channel is registered already: " + channel);
		}
		channel.config().setOptions(this.childOptions);
		// nothing is read from the socket before the bytes read elsewhere went through
		channel.config().setAutoRead(false);
		channel.pipeline().addLast(this.initializer);
		ChannelFuture registered = workers.register(channel);
		registered.addListener((ChannelFuture registration) -> {
			if (!registration.isSuccess()) {
				alreadyRead.release();
				channel.unsafe().closeForcibly();
				return;
			}
			// after the registration has run the initializer and fired channelActive
			channel.eventLoop().execute(() -> replay(channel, alreadyRead));
		});
		return registered;
	}

	private static void replay(Channel channel, ByteBuf alreadyRead) {
		ChannelPipeline pipeline = channel.pipeline();
		if (alreadyRead.isReadable()) {
			pipeline.fireChannelRead(alreadyRead);
			pipeline.fireChannelReadComplete();
		}
		else {
			alreadyRead.release();
		}
		channel.config().setAutoRead(true);
	}

	private String describeAddress() {
		Configuration configuration = getConfiguration();
		String host = (configuration.getHostname() != null) ? configuration.getHostname() : "*";
		return host + ":" + configuration.getPort();
	}

}

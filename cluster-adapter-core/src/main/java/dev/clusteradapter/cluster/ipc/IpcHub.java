package dev.clusteradapter.cluster.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * The primary's end of the IPC channel: accepts and authenticates worker connections and
 * relays their messages, never parsing a payload. Every worker holds one connection to the
 * hub; a message from one worker reaches another in the order it was sent.
 * <p>
 * The primary itself is node {@link ClusterBus#PRIMARY} on the {@link #bus() bus}.
 */
public final class IpcHub implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(IpcHub.class);

	private static final String SOCKET_NAME = "ipc.sock";

	private final IpcOptions options;

	private final IpcMetrics metrics;

	private final IpcTransport transport;

	private final HubRouter router;

	private final PrimaryBus bus;

	private EventLoopGroup group;

	private Channel serverChannel;

	private IpcEndpoint endpoint;

	private Path socketDirectory;

	private boolean ownsSocketDirectory;

	/**
	 * A hub that counts nothing.
	 * @param options the settings
	 */
	public IpcHub(IpcOptions options) {
		this(options, IpcMetrics.NONE);
	}

	/**
	 * A hub.
	 * @param options the settings
	 * @param metrics receives counts
	 */
	public IpcHub(IpcOptions options, IpcMetrics metrics) {
		this.options = options;
		this.metrics = metrics;
		this.transport = options.transport().resolve();
		BusListeners listeners = new BusListeners();
		this.router = new HubRouter(listeners, metrics);
		this.bus = new PrimaryBus(this.router, listeners, metrics, options.maxFrameSize());
	}

	/**
	 * Binds the hub's socket: for {@link IpcTransport#UNIX}, a socket file (mode 0600) in a
	 * private directory (mode 0700); for {@link IpcTransport#TCP}, the configured address.
	 * @return the address workers connect to
	 * @throws IOException if the socket cannot be bound
	 */
	public synchronized IpcEndpoint start() throws IOException {
		if (this.serverChannel != null) {
			return this.endpoint;
		}
		this.group = IpcSockets.newGroup(this.transport, this.options.ioThreads(), "ipc-hub");
		try {
			Integer uid = (this.transport == IpcTransport.UNIX) ? prepareSocketDirectory() : null;
			ServerBootstrap bootstrap = new ServerBootstrap().group(this.group)
				.channel(IpcSockets.serverChannel(this.transport))
				.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
						new WriteBufferWaterMark(this.options.outboundQueueLimit() / 2,
								this.options.outboundQueueLimit()))
				.childHandler(new ChannelInitializer<>() {
					@Override
					protected void initChannel(Channel channel) {
						initLink(channel, uid);
					}
				});
			IpcSockets.configure(this.transport, bootstrap::childOption);
			if (this.transport == IpcTransport.UNIX) {
				Path socket = this.socketDirectory.resolve(SOCKET_NAME);
				Files.deleteIfExists(socket);
				this.serverChannel = bootstrap.bind(new DomainSocketAddress(socket.toString())).sync().channel();
				Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
				this.endpoint = IpcEndpoint.unix(socket);
			}
			else {
				bootstrap.option(ChannelOption.SO_REUSEADDR, true);
				this.serverChannel = bootstrap.bind(this.options.host(), this.options.port()).sync().channel();
				InetSocketAddress bound = (InetSocketAddress) this.serverChannel.localAddress();
				this.endpoint = IpcEndpoint.tcp(bound.getAddress().getHostAddress(), bound.getPort());
			}
			logger.info("IPC hub listening on {}: {}", this.endpoint, this.options.transport().describe());
			return this.endpoint;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop();
			throw new IOException("Interrupted while binding the IPC hub", ex);
		}
		catch (IOException | RuntimeException ex) {
			stop();
			throw ex;
		}
	}

	private Integer prepareSocketDirectory() throws IOException {
		Path configured = this.options.socketDirectory();
		if (configured == null) {
			this.socketDirectory = SocketDirectories.create(Path.of(System.getProperty("java.io.tmpdir")));
			this.ownsSocketDirectory = true;
		}
		else {
			this.socketDirectory = configured;
			Files.createDirectories(configured);
			Files.setPosixFilePermissions(configured, PosixFilePermissions.fromString("rwx------"));
		}
		return (Integer) Files.getAttribute(this.socketDirectory, "unix:uid");
	}

	private void initLink(Channel channel, Integer uid) {
		channel.pipeline()
			.addLast(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES,
					true))
			.addLast(new IpcFrameCodec(this.options.maxFrameSize(), this.metrics))
			.addLast(new IdleStateHandler(this.options.heartbeatTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
			.addLast(new HubAuthHandler(this.router, this.options.secret().bytes(),
					this.options.authTimeout().toMillis(), uid, this.metrics));
	}

	/**
	 * Closes every link, unbinds, and removes the socket file (and its directory if the hub
	 * created it). Waits for the hub's I/O threads: do not call from a listener.
	 */
	public synchronized void stop() {
		if (this.serverChannel != null) {
			this.serverChannel.close().syncUninterruptibly();
			this.serverChannel = null;
		}
		this.router.closeAll();
		if (this.group != null) {
			this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
			this.group = null;
		}
		if (this.socketDirectory != null) {
			try {
				if (this.ownsSocketDirectory) {
					SocketDirectories.delete(this.socketDirectory);
				}
				else {
					Files.deleteIfExists(this.socketDirectory.resolve(SOCKET_NAME));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not remove the IPC socket", ex);
			}
			this.socketDirectory = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Where workers connect, once started.
	 * @return the endpoint, or {@code null} before {@link #start()}
	 */
	public synchronized IpcEndpoint endpoint() {
		return this.endpoint;
	}

	/**
	 * The primary's view of the cluster bus: {@code publish} reaches every worker,
	 * {@code send} one worker, and messages workers send to {@link ClusterBus#PRIMARY}
	 * reach its listeners.
	 * @return the bus of node {@link ClusterBus#PRIMARY}
	 */
	public ClusterBus bus() {
		return this.bus;
	}

	/**
	 * The live worker links.
	 * @return a snapshot, ordered by worker id
	 */
	public List<IpcLinkInfo> links() {
		return this.router.snapshot();
	}

	/**
	 * Registers a listener for workers joining and leaving.
	 * @param listener the listener
	 */
	public void addLinkListener(IpcLinkListener listener) {
		this.router.addLinkListener(listener);
	}

}

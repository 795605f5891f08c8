package dev.clusteradapter.cluster.ipc;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;

import dev.clusteradapter.cluster.ClusterBus;
import dev.clusteradapter.cluster.SocketTransport;

/**
 * A worker's link to the {@link IpcHub}, and the worker's {@link ClusterBus}: what it
 * publishes the hub relays to every other worker; what it sends reaches one node.
 * <p>
 * Once {@link #connect()} completes, {@link #peers()} holds the workers already connected;
 * listeners then hear of every later join and departure. A worker should exit when
 * {@link #closeFuture()} completes: its primary is gone.
 * <p>
 * If more than {@code outboundQueueLimit} bytes wait to be written to the hub, the hub has
 * stopped reading and the link is closed.
 * <p>
 * The link runs on an I/O thread of its own, or on an event loop {@link #runOn(Supplier, Runnable)
 * lent} to it: in a worker, one of its Socket.IO server's loops, so that a broadcast is read
 * and written to the clients on one thread, as a Node.js worker does.
 */
public final class IpcClient implements ClusterBus, AutoCloseable {

	private final IpcEndpoint endpoint;

	private final IpcOptions options;

	private volatile int requestedId;

	private final IpcMetrics metrics;

	private final ClientSession session;

	private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();

	private final int maxPayload;

	private EventLoopGroup group;

	private Supplier<? extends EventLoop> lentLoop;

	private Runnable returnLoop;

	private boolean loopReleased;

	private boolean closing;

	private Channel channel;

	/**
	 * A client that lets the hub assign its id and counts nothing.
	 * @param endpoint where the hub listens
	 * @param options the settings; the transport is taken from the endpoint
	 */
	public IpcClient(IpcEndpoint endpoint, IpcOptions options) {
		this(endpoint, options, 0, IpcMetrics.NONE);
	}

	/**
	 * A client.
	 * @param endpoint where the hub listens
	 * @param options the settings; the transport is taken from the endpoint
	 * @param requestedId the worker id to ask for, or {@code 0} to let the hub assign one
	 * @param metrics receives counts
	 */
	public IpcClient(IpcEndpoint endpoint, IpcOptions options, int requestedId, IpcMetrics metrics) {
		if (requestedId < 0) {
			throw new IllegalArgumentException("requestedId must be 0 (any) or positive");
		}
		this.endpoint = endpoint;
		this.options = options;
		this.requestedId = requestedId;
		this.metrics = metrics;
		this.session = new ClientSession(metrics, options.heartbeatInterval().toMillis());
		this.maxPayload = options.maxFrameSize() - IpcFrameCodec.HEADER_LENGTH;
	}

	/**
	 * Endpoint of the hub this client links to.
	 * @return the endpoint
	 */
	public IpcEndpoint endpoint() {
		return this.endpoint;
	}

	/**
	 * Connects and authenticates asking for the given id, for a worker that learns its id
	 * only after it was built (a standby, once adopted). Asking again once connecting has
	 * begun changes nothing.
	 * @param requestedId the worker id to ask for, or {@code 0} to let the hub assign one
	 * @return completes with the worker id the hub assigned once both sides proved the
	 * secret; completes exceptionally (for example with {@link IpcAuthenticationException})
	 * if the link could not be established
	 */
	public synchronized CompletableFuture<Integer> connect(int requestedId) {
		if (requestedId < 0) {
			throw new IllegalArgumentException("requestedId must be 0 (any) or positive");
		}
		if (this.channel == null) {
			this.requestedId = requestedId;
		}
		return connect();
	}

	/**
	 * Connects and authenticates, asking for the id given at construction.
	 * @return completes with the worker id the hub assigned once both sides proved the
	 * secret; completes exceptionally (for example with {@link IpcAuthenticationException})
	 * if the link could not be established
	 */
	public synchronized CompletableFuture<Integer> connect() {
		if (this.channel != null) {
			return this.session.authenticated;
		}
		IpcTransport transport = this.endpoint.transport();
		if (this.group == null) {
			this.group = newGroup();
		}
		Bootstrap bootstrap = new Bootstrap().group(this.group)
			.channel(IpcSockets.channel(transport))
			.option(ChannelOption.WRITE_BUFFER_WATER_MARK,
					new WriteBufferWaterMark(this.options.outboundQueueLimit() / 2, this.options.outboundQueueLimit()))
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.options.authTimeout().toMillis())
			.handler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel channel) {
					initLink(channel);
				}
			});
		IpcSockets.configure(transport, bootstrap::option);
		ChannelFuture connecting = bootstrap.connect(this.endpoint.socketAddress());
		this.channel = connecting.channel();
		connecting.addListener((future) -> {
			if (!future.isSuccess()) {
				this.session.authenticationFailed(future.cause());
			}
		});
		this.channel.closeFuture().addListener((future) -> {
			this.session.authenticationFailed(new IpcAuthenticationException("link closed"));
			this.closeFuture.complete(null);
			releaseGroup();
		});
		return this.session.authenticated;
	}

	/**
	 * Runs the link on a loop lent by the caller instead of an I/O thread of its own: the
	 * loop must suit the endpoint's transport (see {@link #canRunOn(SocketTransport)}). The
	 * link's listeners then run on that loop, with whatever else it serves: like a Netty
	 * handler, they must not block. Call before {@link #connect()} or {@link #prepare()}.
	 * @param loop supplies the loop when the link first needs it
	 * @param release gives the loop back, once, when the link is done with it
	 * @throws IllegalStateException when the link has taken its thread already
	 */
	public synchronized void runOn(Supplier<? extends EventLoop> loop, Runnable release) {
		if (this.group != null) {
			throw new IllegalStateException("The link has its event loop already");
		}
		this.lentLoop = loop;
		this.returnLoop = release;
	}

	/**
	 * Whether the link can run on event loops of a transport: epoll for a Unix domain socket
	 * endpoint, NIO for TCP.
	 * @param loops the transport of the loops
	 * @return whether {@link #runOn(Supplier, Runnable)} may lend one of them
	 */
	public boolean canRunOn(SocketTransport loops) {
		return loops == ((this.endpoint.transport() == IpcTransport.UNIX) ? SocketTransport.EPOLL : SocketTransport.NIO);
	}

	private EventLoopGroup newGroup() {
		if (this.lentLoop != null) {
			return this.lentLoop.get();
		}
		return IpcSockets.newGroup(this.endpoint.transport(), this.options.ioThreads(), "ipc-client");
	}

	private synchronized void releaseGroup() {
		if (this.returnLoop == null) {
			this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
		}
		else if (!this.loopReleased) {
			this.loopReleased = true;
			this.returnLoop.run();
		}
	}

	/**
	 * Whether the calling thread reads this link's messages: the listeners run there, and a
	 * request whose answers come over the link must not be waited for there.
	 * @return {@code true} on the link's event loop
	 */
	@Override
	public boolean readsOnCurrentThread() {
		Channel link = this.channel;
		return link != null && link.eventLoop().inEventLoop();
	}

	private void initLink(Channel channel) {
		channel.pipeline()
			.addLast(new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES,
					true))
			.addLast(new IpcFrameCodec(this.options.maxFrameSize(), this.metrics))
			.addLast(new IdleStateHandler(this.options.heartbeatTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
			.addLast(new ClientAuthHandler(this.options.secret().bytes(), this.requestedId,
					ProcessHandle.current().pid(), this.options.authTimeout().toMillis(), this.session));
	}

	/**
	 * Does ahead what connecting does first, so that a later {@link #connect(int)} links at
	 * once: starts the link's I/O thread (loading the native transport) and readies the
	 * cryptography of the proof. For a standby, which may wait long before it links, and
	 * then should waste no time. Does nothing once connecting has begun.
	 */
	public synchronized void prepare() {
		if (this.group != null) {
			return;
		}
		this.group = newGroup();
		this.group.submit(() -> Handshake.workerProof(this.options.secret().bytes(), Handshake.nonce(),
				Handshake.nonce(), 0, 0)).syncUninterruptibly();
	}

	/**
	 * Sets what each heartbeat carries to the primary, for example the number of clients.
	 * Called on the I/O thread once per heartbeat interval: must be fast.
	 * @param statusSupplier supplies the opaque status bytes
	 */
	public void setStatusSupplier(Supplier<byte[]> statusSupplier) {
		this.session.statusSupplier(statusSupplier);
	}

	/**
	 * Sets what a report carries to the primary (see {@link #reportSoon()}), for example
	 * this worker's session counts. Called on the I/O thread: must be fast.
	 * @param reportSupplier supplies the opaque report bytes
	 */
	public void setReportSupplier(Supplier<byte[]> reportSupplier) {
		this.session.reportSupplier(reportSupplier);
	}

	/**
	 * Sends a report to the primary soon, between heartbeats, on the link's I/O thread.
	 * Cheap to call often: calls made before the report leaves share it, and it carries what
	 * the report supplier says when it leaves. Does nothing while the link is not up.
	 */
	public void reportSoon() {
		this.session.reportSoon();
	}

	/**
	 * Sends a heartbeat with the current status now, out of turn: for a change the primary
	 * should not wait a heartbeat interval for, such as this worker starting to listen.
	 */
	public void heartbeatNow() {
		this.session.heartbeatSoon();
	}

	/**
	 * Completes when the link is gone: closed by either side, dead, or never established.
	 * @return the future
	 */
	public CompletableFuture<Void> closeFuture() {
		return this.closeFuture;
	}

	/**
	 * Whether the link is authenticated and open.
	 * @return whether messages can flow
	 */
	public boolean isConnected() {
		return this.session.authenticated.isDone() && !this.session.authenticated.isCompletedExceptionally()
				&& !this.closeFuture.isDone();
	}

	/**
	 * Closes the link; the hub tells the other workers at once. Closing again does nothing
	 * (the application's stop closes it, and so does the bean's destruction after it, when
	 * the event loop it ran on may be gone).
	 */
	@Override
	public synchronized void close() {
		if (this.closing) {
			return;
		}
		this.closing = true;
		if (this.channel != null) {
			// what was written before goes out first: the adapter's goodbye, a stopping worker's sessions
			this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
		}
		if (this.group != null) {
			releaseGroup();
		}
		if (this.channel == null) {
			// never connected (perhaps prepared): no channel will report its close
			this.closeFuture.complete(null);
		}
	}

	/**
	 * This worker's id, as assigned by the hub.
	 * @return the id, or {@code -1} before authentication
	 */
	@Override
	public int nodeId() {
		return this.session.nodeId();
	}

	@Override
	public void publish(int type, byte[] payload) {
		FrameType.checkApplicationMessage(type, payload, this.maxPayload);
		this.session.write(new IpcFrame(type, nodeId(), IpcFrame.ALL, Unpooled.wrappedBuffer(payload)));
	}

	@Override
	public void send(int targetNode, int type, byte[] payload) {
		FrameType.checkApplicationMessage(type, payload, this.maxPayload);
		if (targetNode < 0) {
			throw new IllegalArgumentException("Not a node id: " + targetNode);
		}
		this.session.write(new IpcFrame(type, nodeId(), targetNode, Unpooled.wrappedBuffer(payload)));
	}

	@Override
	public Set<Integer> peers() {
		return Set.copyOf(this.session.peers);
	}

	@Override
	public void addListener(Listener listener) {
		this.session.listeners.add(listener);
	}

}

package dev.clusteradapter.cluster.ipc;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * What an {@link IpcClient} shares with its handlers: the authenticated link, the node id,
 * the live peers, the listeners, and the bounded outbound side.
 */
final class ClientSession {

	private static final byte[] NO_STATUS = new byte[0];

	final CompletableFuture<Integer> authenticated = new CompletableFuture<>();

	final BusListeners listeners = new BusListeners();

	final Set<Integer> peers = ConcurrentHashMap.newKeySet();

	private final IpcMetrics metrics;

	private final long heartbeatIntervalMillis;

	private final AtomicBoolean closedForBackPressure = new AtomicBoolean();

	private volatile Supplier<byte[]> statusSupplier = () -> NO_STATUS;

	private volatile Supplier<byte[]> reportSupplier = () -> NO_STATUS;

	private final AtomicBoolean reportQueued = new AtomicBoolean();

	private volatile Channel channel;

	private volatile int nodeId = -1;

	ClientSession(IpcMetrics metrics, long heartbeatIntervalMillis) {
		this.metrics = metrics;
		this.heartbeatIntervalMillis = heartbeatIntervalMillis;
	}

	int nodeId() {
		return this.nodeId;
	}

	void statusSupplier(Supplier<byte[]> statusSupplier) {
		this.statusSupplier = statusSupplier;
	}

	void authenticated(Channel channel, int id, Set<Integer> initialPeers) {
		this.channel = channel;
		this.nodeId = id;
		this.peers.addAll(initialPeers);
		var heartbeats = channel.eventLoop()
			.scheduleAtFixedRate(this::heartbeat, 0, this.heartbeatIntervalMillis, TimeUnit.MILLISECONDS);
		channel.closeFuture().addListener((future) -> heartbeats.cancel(false));
		this.authenticated.complete(id);
	}

	void reportSupplier(Supplier<byte[]> reportSupplier) {
		this.reportSupplier = reportSupplier;
	}

	/**
	 * Sends a report on the link's event loop, soon: calls made before it is sent share it,
	 * and it carries what the supplier says when it is sent.
	 */
	void reportSoon() {
		Channel channel = this.channel;
		if (channel == null || !this.reportQueued.compareAndSet(false, true)) {
			return;
		}
		try {
			channel.eventLoop().execute(() -> {
				this.reportQueued.set(false);
				write(new IpcFrame(FrameType.REPORT, this.nodeId, ClusterBus.PRIMARY,
						Unpooled.wrappedBuffer(supplied(this.reportSupplier))));
			});
		}
		catch (RejectedExecutionException ex) {
			// the link is gone, and its reports with it
			this.reportQueued.set(false);
		}
	}

	/** Sends a heartbeat now, out of turn, for a status that the primary should not wait for. */
	void heartbeatSoon() {
		Channel channel = this.channel;
		if (channel != null) {
			try {
				channel.eventLoop().execute(this::heartbeat);
			}
			catch (RejectedExecutionException ex) {
				// the link is gone: no heartbeat to send
			}
		}
	}

	void authenticationFailed(Throwable cause) {
		this.authenticated.completeExceptionally(cause);
	}

	private void heartbeat() {
		write(new IpcFrame(FrameType.HEARTBEAT, this.nodeId, ClusterBus.PRIMARY,
				Unpooled.wrappedBuffer(supplied(this.statusSupplier))));
	}

	private static byte[] supplied(Supplier<byte[]> supplier) {
		try {
			byte[] bytes = supplier.get();
			return (bytes != null) ? bytes : NO_STATUS;
		}
		catch (RuntimeException ex) {
			return NO_STATUS;
		}
	}

	void received(IpcFrame frame) {
		this.metrics.frameIn(frame.type(), frame.wireSize());
		ByteBuf payload = frame.content();
		switch (frame.type()) {
			case FrameType.HEARTBEAT -> {
				// Its arrival alone keeps the link's idle timer from firing.
			}
			case FrameType.PEER_JOINED -> {
				int node = payload.readInt();
				if (this.peers.add(node)) {
					this.listeners.peerJoined(node);
				}
			}
			case FrameType.PEER_LEFT -> {
				int node = payload.readInt();
				if (this.peers.remove(node)) {
					this.listeners.peerLeft(node);
				}
			}
			default -> {
				if (frame.type() >= ClusterBus.FIRST_APPLICATION_TYPE) {
					this.listeners.message(frame.source(), frame.type(), ByteBufUtil.getBytes(payload));
				}
				else {
					this.metrics.droppedFrame(frame.type());
				}
			}
		}
	}

	/** Queues a frame to the hub, taking ownership of it. */
	void write(IpcFrame frame) {
		Channel channel = this.channel;
		if (channel == null || !channel.isActive()) {
			this.metrics.droppedFrame(frame.type());
			frame.release();
			return;
		}
		if (!channel.isWritable()) {
			this.metrics.droppedFrame(frame.type());
			frame.release();
			closeForBackPressure();
			return;
		}
		this.metrics.frameOut(frame.type(), frame.wireSize());
		try {
			channel.writeAndFlush(frame, channel.voidPromise());
		}
		catch (RejectedExecutionException ex) {
			// the link closed after the check above and its event loop is gone: a lost link drops frames
			this.metrics.droppedFrame(frame.type());
			ReferenceCountUtil.safeRelease(frame);
		}
	}

	void closeForBackPressure() {
		Channel channel = this.channel;
		if (channel != null && channel.isActive() && this.closedForBackPressure.compareAndSet(false, true)) {
			this.metrics.linkClosedForBackPressure(ClusterBus.PRIMARY);
			channel.close();
		}
	}

}

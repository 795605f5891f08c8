package dev.clusteradapter.cluster.ipc;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.Channel;

/**
 * The hub's end of one authenticated worker connection: its identity, statistics and
 * bounded outbound queue.
 */
final class WorkerLink {

	private final int id;

	private final Channel channel;

	private final long pid;

	private final Instant connectedSince = Instant.now();

	private final IpcMetrics metrics;

	private final AtomicBoolean closedForBackPressure = new AtomicBoolean();

	private final LongAdder messagesIn = new LongAdder();

	private final LongAdder bytesIn = new LongAdder();

	private final LongAdder messagesOut = new LongAdder();

	private final LongAdder bytesOut = new LongAdder();

	private volatile Instant lastHeartbeat;

	private volatile byte[] lastStatus = new byte[0];

	private volatile String dropReason;

	WorkerLink(int id, Channel channel, long pid, IpcMetrics metrics) {
		this.id = id;
		this.channel = channel;
		this.pid = pid;
		this.metrics = metrics;
	}

	int id() {
		return this.id;
	}

	Channel channel() {
		return this.channel;
	}

	/**
	 * Queues a frame, taking ownership of it. A link whose queue is over the limit is
	 * closed rather than allowed to hold the hub's memory or stall its senders.
	 */
	void forward(IpcFrame frame) {
		if (!this.channel.isWritable()) {
			this.metrics.droppedFrame(frame.type());
			frame.release();
			closeForBackPressure();
			return;
		}
		int size = frame.wireSize();
		this.messagesOut.increment();
		this.bytesOut.add(size);
		this.metrics.frameOut(frame.type(), size);
		this.channel.writeAndFlush(frame, this.channel.voidPromise());
	}

	void closeForBackPressure() {
		if (this.channel.isActive() && this.closedForBackPressure.compareAndSet(false, true)) {
			this.metrics.linkClosedForBackPressure(this.id);
			drop("more than " + this.channel.config().getWriteBufferHighWaterMark() + " bytes queued for it");
		}
	}

	/**
	 * Closes the link because the hub gives up on the worker, saying why.
	 * @param reason why, for example {@code no heartbeat for 5s}
	 */
	void drop(String reason) {
		if (this.dropReason == null) {
			this.dropReason = reason;
		}
		this.channel.close();
	}

	void received(IpcFrame frame) {
		int size = frame.wireSize();
		this.messagesIn.increment();
		this.bytesIn.add(size);
		this.metrics.frameIn(frame.type(), size);
	}

	void protocolViolation() {
		this.metrics.malformedFrame();
	}

	void heartbeat(byte[] status) {
		this.lastStatus = status;
		this.lastHeartbeat = Instant.now();
	}

	IpcLinkInfo info() {
		return new IpcLinkInfo(this.id, (this.pid > 0) ? OptionalLong.of(this.pid) : OptionalLong.empty(),
				this.connectedSince, this.lastHeartbeat, this.lastStatus.clone(), this.messagesIn.sum(),
				this.bytesIn.sum(), this.messagesOut.sum(), this.bytesOut.sum(), this.dropReason);
	}

}

package dev.clusteradapter.cluster.server;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import com.corundumstudio.socketio.protocol.Packet;

/**
 * The queue of packets waiting for a session's polling transport, in place of
 * netty-socketio's unbounded one, which holds what a polling client has not yet taken:
 * when a packet comes while more than the limit waits (by {@link PacketSizes}), the client
 * is cut off once: what waited is dropped, and from then on every packet too. Once the
 * session upgraded to WebSocket, netty-socketio hands this queue to the WebSocket, where
 * packets wait only for the event loop, not for the client: the limit no longer applies
 * (the connection's write buffer has its own, see {@link OutboundLimit}).
 * <p>
 * netty-socketio's encoders take packets with {@link #poll()} only.
 */
final class LimitedPacketQueue extends ConcurrentLinkedQueue<Packet> {

	private final long limit;

	private final BooleanSupplier polling;

	private final LongConsumer cutOff;

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicBoolean cut = new AtomicBoolean();

	/**
	 * Creates a queue.
	 * @param limit the most bytes that may wait
	 * @param polling whether the session still polls
	 * @param cutOff told, once, of the bytes that waited when the limit was passed
	 */
	LimitedPacketQueue(long limit, BooleanSupplier polling, LongConsumer cutOff) {
		this.limit = limit;
		this.polling = polling;
		this.cutOff = cutOff;
	}

	@Override
	public boolean offer(Packet packet) {
		if (this.cut.get()) {
			return true;
		}
		long waiting = this.bytes.get();
		if (waiting > this.limit && this.polling.getAsBoolean()) {
			if (this.cut.compareAndSet(false, true)) {
				clear();
				this.cutOff.accept(waiting);
			}
			return true;
		}
		this.bytes.addAndGet(PacketSizes.of(packet));
		return super.offer(packet);
	}

	@Override
	public Packet poll() {
		Packet packet = super.poll();
		if (packet != null) {
			this.bytes.addAndGet(-PacketSizes.of(packet));
		}
		if (super.isEmpty()) {
			// a packet changed between offer and poll must not skew the count for ever
			this.bytes.set(0);
		}
		return packet;
	}

	@Override
	public void clear() {
		super.clear();
		this.bytes.set(0);
	}

	/** Whether its client was cut off. */
	boolean isCutOff() {
		return this.cut.get();
	}

}

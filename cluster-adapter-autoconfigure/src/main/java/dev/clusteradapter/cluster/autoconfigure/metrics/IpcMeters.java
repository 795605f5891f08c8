package dev.clusteradapter.cluster.autoconfigure.metrics;

import java.util.Locale;

import dev.clusteradapter.cluster.ClusterBus;
import dev.clusteradapter.cluster.adapter.MessageType;
import dev.clusteradapter.cluster.ipc.IpcMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Counts IPC traffic: {@code socketio.cluster.ipc.messages} and
 * {@code socketio.cluster.ipc.bytes} tagged {@code direction} (in, out) and {@code type}
 * (auth, heartbeat, peer, control, an adapter message type such as {@code broadcast}, or
 * other), plus malformed and dropped frames, rejected peers (tagged {@code reason}) and
 * links closed for back-pressure. Frames seen before the registry is bound are not counted.
 */
public class IpcMeters implements IpcMetrics, MeterBinder {

	static final String MESSAGES = "socketio.cluster.ipc.messages";

	static final String BYTES = "socketio.cluster.ipc.bytes";

	static final String MALFORMED = "socketio.cluster.ipc.malformed.frames";

	static final String DROPPED = "socketio.cluster.ipc.dropped.frames";

	static final String REJECTED = "socketio.cluster.ipc.rejected.peers";

	static final String BACKPRESSURE = "socketio.cluster.ipc.backpressure.closes";

	private static final MessageType[] MESSAGE_TYPES = MessageType.values();

	// one slot per transport type, one per adapter type, and one for anything else
	private static final int TYPE_SLOTS = ClusterBus.FIRST_APPLICATION_TYPE + MESSAGE_TYPES.length + 1;

	private static final String[] DIRECTIONS = { "in", "out" };

	private static final Rejection[] REASONS = Rejection.values();

	private volatile Meters meters;

	@Override
	public void bindTo(MeterRegistry registry) {
		this.meters = new Meters(registry);
	}

	@Override
	public void frameIn(int type, int bytes) {
		count(0, type, bytes);
	}

	@Override
	public void frameOut(int type, int bytes) {
		count(1, type, bytes);
	}

	private void count(int direction, int type, int bytes) {
		Meters current = this.meters;
		if (current != null) {
			int slot = direction * TYPE_SLOTS + typeSlot(type);
			current.messages.get(slot).increment();
			current.bytes.get(slot).increment(bytes);
		}
	}

	@Override
	public void malformedFrame() {
		Meters current = this.meters;
		if (current != null) {
			current.malformed.increment();
		}
	}

	@Override
	public void droppedFrame(int type) {
		Meters current = this.meters;
		if (current != null) {
			current.dropped.increment();
		}
	}

	@Override
	public void peerRejected(Rejection reason) {
		Meters current = this.meters;
		if (current != null) {
			current.rejected.get(reason.ordinal()).increment();
		}
	}

	@Override
	public void linkClosedForBackPressure(int node) {
		Meters current = this.meters;
		if (current != null) {
			current.backpressure.increment();
		}
	}

	private static int typeSlot(int type) {
		return (type >= 0 && type < TYPE_SLOTS - 1) ? type : TYPE_SLOTS - 1;
	}

	/**
	 * Tag of a frame type, from a small fixed set.
	 * @param type frame type
	 * @return the tag value
	 */
	static String typeTag(int type) {
		if (type >= 1 && type <= 4) {
			return "auth";
		}
		if (type == 5) {
			return "heartbeat";
		}
		if (type == 6 || type == 7) {
			return "peer";
		}
		if (type >= 0 && type < ClusterBus.FIRST_APPLICATION_TYPE) {
			return "control";
		}
		MessageType adapterType = MessageType.fromBusType(type);
		return (adapterType != null) ? adapterType.name().toLowerCase(Locale.ROOT) : "other";
	}

	private static final class Meters {

		private final MeterSlots<Counter> messages;

		private final MeterSlots<Counter> bytes;

		private final Counter malformed;

		private final Counter dropped;

		private final MeterSlots<Counter> rejected;

		private final Counter backpressure;

		Meters(MeterRegistry registry) {
			this.messages = new MeterSlots<>(2 * TYPE_SLOTS, (slot) -> Counter.builder(MESSAGES)
				.description("IPC frames received (in) or queued (out)")
				.tags("direction", DIRECTIONS[slot / TYPE_SLOTS], "type", slotTag(slot % TYPE_SLOTS))
				.register(registry));
			this.bytes = new MeterSlots<>(2 * TYPE_SLOTS, (slot) -> Counter.builder(BYTES)
				.description("Size of IPC frames received (in) or queued (out), headers included")
				.baseUnit("bytes")
				.tags("direction", DIRECTIONS[slot / TYPE_SLOTS], "type", slotTag(slot % TYPE_SLOTS))
				.register(registry));
			this.malformed = Counter.builder(MALFORMED)
				.description("Malformed or oversized IPC frames, each closing its link")
				.register(registry);
			this.dropped = Counter.builder(DROPPED)
				.description("IPC frames dropped: unknown target, or link gone")
				.register(registry);
			this.rejected = new MeterSlots<>(REASONS.length, (slot) -> Counter.builder(REJECTED)
				.description("Connecting IPC peers turned away before they could send a message")
				.tag("reason", REASONS[slot].name().toLowerCase(Locale.ROOT))
				.register(registry));
			this.backpressure = Counter.builder(BACKPRESSURE)
				.description("IPC links closed because their outbound queue exceeded its limit")
				.register(registry);
		}

		private static String slotTag(int typeSlot) {
			return (typeSlot == TYPE_SLOTS - 1) ? "other" : typeTag(typeSlot);
		}

	}

}

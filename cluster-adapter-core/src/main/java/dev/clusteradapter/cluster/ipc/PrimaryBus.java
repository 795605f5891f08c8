package dev.clusteradapter.cluster.ipc;

import java.util.Set;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * The primary's own {@link ClusterBus}, node {@link ClusterBus#PRIMARY}: writes straight
 * to the workers' links of the {@link HubRouter}.
 */
final class PrimaryBus implements ClusterBus {

	private final HubRouter router;

	private final BusListeners listeners;

	private final IpcMetrics metrics;

	private final int maxPayload;

	PrimaryBus(HubRouter router, BusListeners listeners, IpcMetrics metrics, int maxFrameSize) {
		this.router = router;
		this.listeners = listeners;
		this.metrics = metrics;
		this.maxPayload = maxFrameSize - IpcFrameCodec.HEADER_LENGTH;
	}

	@Override
	public int nodeId() {
		return PRIMARY;
	}

	@Override
	public void publish(int type, byte[] payload) {
		FrameType.checkApplicationMessage(type, payload, this.maxPayload);
		ByteBuf shared = Unpooled.wrappedBuffer(payload);
		try {
			for (WorkerLink link : this.router.liveLinks()) {
				link.forward(new IpcFrame(type, PRIMARY, IpcFrame.ALL, shared.retainedDuplicate()));
			}
		}
		finally {
			shared.release();
		}
	}

	@Override
	public void send(int targetNode, int type, byte[] payload) {
		FrameType.checkApplicationMessage(type, payload, this.maxPayload);
		if (targetNode == PRIMARY) {
			this.listeners.message(PRIMARY, type, payload);
			return;
		}
		WorkerLink link = this.router.link(targetNode);
		if (link == null) {
			this.metrics.droppedFrame(type);
			return;
		}
		link.forward(new IpcFrame(type, PRIMARY, targetNode, Unpooled.wrappedBuffer(payload)));
	}

	@Override
	public Set<Integer> peers() {
		return this.router.liveIds();
	}

	@Override
	public void addListener(Listener listener) {
		this.listeners.add(listener);
	}

}

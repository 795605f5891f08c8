package dev.clusteradapter.cluster.ipc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * The hub's live links and its routing: relays worker frames to their targets without
 * reading their payloads, and announces joins and departures to the workers and to the
 * primary's listeners.
 */
final class HubRouter {

	private final Map<Integer, WorkerLink> links = new ConcurrentHashMap<>();

	// Membership changes and their announcements happen under this lock so that every
	// worker sees joins and departures in one order, and a newcomer's welcome precedes them.
	private final Object membership = new Object();

	private final BusListeners listeners;

	private final List<IpcLinkListener> linkListeners = new CopyOnWriteArrayList<>();

	private final IpcMetrics metrics;

	private int lastAssignedId;

	HubRouter(BusListeners listeners, IpcMetrics metrics) {
		this.listeners = listeners;
		this.metrics = metrics;
	}

	void addLinkListener(IpcLinkListener listener) {
		this.linkListeners.add(listener);
	}

	/**
	 * Admits an authenticated worker and sends it the welcome, or returns {@code null} if
	 * the id it asks for is live.
	 * @param welcome builds the welcome frame from the assigned id and the current peers
	 */
	WorkerLink register(Channel channel, int requestedId, long pid, WelcomeFactory welcome) {
		WorkerLink link;
		synchronized (this.membership) {
			int id = requestedId;
			if (id > 0 && this.links.containsKey(id)) {
				return null;
			}
			if (id <= 0) {
				id = nextFreeId();
			}
			link = new WorkerLink(id, channel, pid, this.metrics);
			Set<Integer> peers = new TreeSet<>(this.links.keySet());
			this.links.put(id, link);
			link.forward(welcome.welcome(id, peers));
			announce(FrameType.PEER_JOINED, link);
		}
		this.listeners.peerJoined(link.id());
		IpcLinkInfo info = link.info();
		this.linkListeners.forEach((listener) -> listener.linkUp(info));
		return link;
	}

	private int nextFreeId() {
		int id = this.lastAssignedId;
		do {
			id = (id == Integer.MAX_VALUE) ? 1 : id + 1;
		}
		while (this.links.containsKey(id));
		this.lastAssignedId = id;
		return id;
	}

	void unregister(WorkerLink link) {
		synchronized (this.membership) {
			if (!this.links.remove(link.id(), link)) {
				return;
			}
			announce(FrameType.PEER_LEFT, link);
		}
		this.listeners.peerLeft(link.id());
		IpcLinkInfo info = link.info();
		this.linkListeners.forEach((listener) -> listener.linkDown(info));
	}

	/** Hands a worker's report to the link listeners. */
	void reported(WorkerLink from, byte[] report) {
		this.linkListeners.forEach((listener) -> listener.reported(from.id(), report));
	}

	private void announce(int type, WorkerLink subject) {
		for (WorkerLink link : this.links.values()) {
			if (link != subject) {
				link.forward(new IpcFrame(type, ClusterBus.PRIMARY, link.id(), Unpooled.copyInt(subject.id())));
			}
		}
	}

	/** Routes an application frame from a worker; the caller keeps ownership of it. */
	void route(WorkerLink from, IpcFrame frame) {
		int target = frame.target();
		if (target == IpcFrame.ALL) {
			for (WorkerLink link : this.links.values()) {
				if (link != from) {
					link.forward(frame.relayedFrom(from.id()));
				}
			}
		}
		else if (target == ClusterBus.PRIMARY) {
			this.listeners.message(from.id(), frame.type(), ByteBufUtil.getBytes(frame.content()));
		}
		else {
			WorkerLink link = this.links.get(target);
			if (link != null) {
				link.forward(frame.relayedFrom(from.id()));
			}
			else {
				this.metrics.droppedFrame(frame.type());
			}
		}
	}

	List<IpcLinkInfo> snapshot() {
		List<IpcLinkInfo> result = new ArrayList<>();
		this.links.values().forEach((link) -> result.add(link.info()));
		result.sort(Comparator.comparingInt(IpcLinkInfo::workerId));
		return result;
	}

	void closeAll() {
		this.links.values().forEach((link) -> link.channel().close());
	}

	Collection<WorkerLink> liveLinks() {
		return this.links.values();
	}

	WorkerLink link(int id) {
		return this.links.get(id);
	}

	Set<Integer> liveIds() {
		return Set.copyOf(this.links.keySet());
	}

	/** Builds the frame that admits a worker. */
	@FunctionalInterface
	interface WelcomeFactory {

		IpcFrame welcome(int assignedId, Set<Integer> peers);

	}

}

package dev.clusteradapter.cluster.adapter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * Test double of the IPC transport: nodes of one cluster in one JVM. Each sender delivers
 * on its own single thread, so its messages arrive in order; {@link #kill(int)} drops a node
 * and announces it at once, as the primary does.
 */
final class InMemoryClusterBus implements AutoCloseable {

	private final Map<Integer, Node> nodes = new ConcurrentHashMap<>();

	private final ExecutorService announcements = Executors.newSingleThreadExecutor(daemon("bus-announcements"));

	private final AtomicLong delivered = new AtomicLong();

	/** Creates and connects a node; the primary is node {@link ClusterBus#PRIMARY}. */
	Node join(int id) {
		return connect(node(id));
	}

	/** Creates a node that is not connected yet, so listeners can be added before anything arrives. */
	Node node(int id) {
		return new Node(id);
	}

	/** Connects a node: from now on it sends and receives, and the others hear of it. */
	synchronized Node connect(Node node) {
		int id = node.id;
		this.nodes.put(id, node);
		if (id != ClusterBus.PRIMARY) {
			for (Node other : this.nodes.values()) {
				if (other != node) {
					this.announcements.execute(() -> other.listeners.forEach((listener) -> listener.onPeerJoined(id)));
				}
			}
		}
		return node;
	}

	/** The node's link drops: it stops sending and receiving, the others hear at once. */
	synchronized void kill(int id) {
		Node node = this.nodes.remove(id);
		if (node == null) {
			return;
		}
		node.outbound.shutdownNow();
		for (Node other : this.nodes.values()) {
			this.announcements.execute(() -> other.listeners.forEach((listener) -> listener.onPeerLeft(id)));
		}
	}

	long delivered() {
		return this.delivered.get();
	}

	@Override
	public void close() {
		this.nodes.values().forEach((node) -> node.outbound.shutdownNow());
		this.announcements.shutdownNow();
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		return (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	/** One node's view of the bus. */
	final class Node implements ClusterBus {

		private final int id;

		private final List<Listener> listeners = new CopyOnWriteArrayList<>();

		private final ExecutorService outbound;

		Node(int id) {
			this.id = id;
			this.outbound = Executors.newSingleThreadExecutor(daemon("bus-node-" + id));
		}

		@Override
		public int nodeId() {
			return this.id;
		}

		@Override
		public void publish(int type, byte[] payload) {
			for (int target : peers()) {
				deliver(target, type, payload);
			}
		}

		@Override
		public void send(int targetNode, int type, byte[] payload) {
			deliver(targetNode, type, payload);
		}

		private void deliver(int target, int type, byte[] payload) {
			try {
				this.outbound.execute(() -> {
					Node receiver = InMemoryClusterBus.this.nodes.get(target);
					if (receiver != null && InMemoryClusterBus.this.nodes.get(this.id) == this) {
						InMemoryClusterBus.this.delivered.incrementAndGet();
						receiver.listeners.forEach((listener) -> listener.onMessage(this.id, type, payload));
					}
				});
			}
			catch (RejectedExecutionException ex) {
				// this node was killed: its link is gone
			}
		}

		@Override
		public Set<Integer> peers() {
			Set<Integer> peers = new TreeSet<>(InMemoryClusterBus.this.nodes.keySet());
			peers.remove(this.id);
			peers.remove(ClusterBus.PRIMARY);
			return peers;
		}

		@Override
		public void addListener(Listener listener) {
			this.listeners.add(listener);
		}

	}

}

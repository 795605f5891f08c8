package dev.clusteradapter.cluster.adapter;

import java.util.Set;

/**
 * What carries the adapter's messages between the nodes of a cluster: the IPC bus between a
 * primary's workers ({@link #overBus(dev.clusteradapter.cluster.ClusterBus)}), or Redis
 * between hosts. The adapter speaks in {@link AdapterMessage}s; a transport owns their
 * encoding, so it can put them on a wire that another implementation (Socket.IO's Node
 * adapters) reads too.
 * <p>
 * Nodes are named by {@code int} ids local to this process. A transport may know some peers
 * only by count (a Node.js server on Redis that never says its name): it lists them in
 * {@link #peers()} under negative ids ({@code -1 … -n}), interchangeable, and reports their
 * answers as coming from {@link #UNNAMED}; the adapter counts such answers against any of
 * those ids. Messages from one sender arrive in the order it sent them.
 * <p>
 * For transport implementations, not for application code.
 */
public interface AdapterTransport {

	/** Source of an answer whose sender the transport cannot name. */
	int UNNAMED = Integer.MIN_VALUE;

	/**
	 * Id of this node.
	 * @return the node id
	 */
	int nodeId();

	/**
	 * Live peers serving clients: named ones by their id, peers known only by count under
	 * negative ids.
	 * @return a snapshot of the peers
	 */
	Set<Integer> peers();

	/**
	 * A new request id. Unique among this node's pending requests at least; unique across
	 * the cluster where answers are matched by id alone.
	 * @return the id
	 */
	long newRequestId();

	/**
	 * Whether netty-socketio's room memberships are copied to every node (the IPC bus, where
	 * they feed netty-socketio's own cluster views), or each receiver filters by rooms.
	 * @return whether memberships are replicated
	 */
	boolean replicatesMemberships();

	/**
	 * Sends a message to every peer.
	 * @param message the message
	 */
	void publish(AdapterMessage message);

	/**
	 * Sends a message to one node; to a peer known only by count, it is published.
	 * @param node the node id
	 * @param message the message
	 */
	void send(int node, AdapterMessage message);

	/**
	 * Registers the receiver of messages and peer changes.
	 * @param listener the listener
	 */
	void addListener(Listener listener);

	/**
	 * This node serves a namespace (its clients may join it); a transport that subscribes
	 * per namespace subscribes now.
	 * @param nsp the namespace, socket.io style
	 */
	default void serveNamespace(String nsp) {
	}

	/**
	 * Local rooms changed: some were joined or left by this node's sockets (a socket's own id
	 * is a room from its connection to its disconnection). A transport that subscribes per
	 * room asks {@code present} whether each still has a local member.
	 * @param nsp the namespace
	 * @param rooms the rooms that changed
	 * @param present whether a room has a local member now
	 */
	default void localRooms(String nsp, java.util.Collection<String> rooms, java.util.function.Predicate<String> present) {
	}

	/**
	 * Whether the calling thread is the one that reads this transport's messages: a request's
	 * answers are read there, so waiting there for them would wait for the request's timeout.
	 * @return {@code true} on that thread; {@code false} when unknown
	 */
	default boolean readsOnCurrentThread() {
		return false;
	}

	/**
	 * Whether a node id stands for a peer known only by count.
	 * @param node the node id
	 * @return whether it is unnamed
	 */
	static boolean isUnnamed(int node) {
		return node < 0;
	}

	/**
	 * The transport over a primary's IPC bus, in the adapter's own binary encoding.
	 * @param bus the bus
	 * @return the transport
	 */
	static AdapterTransport overBus(dev.clusteradapter.cluster.ClusterBus bus) {
		return new BusTransport(bus);
	}

	/** Receives what arrives; called on a transport thread, in each sender's order: do not block. */
	interface Listener {

		/**
		 * A message from another node.
		 * @param sourceNode its sender, or {@link #UNNAMED}
		 * @param message the message
		 */
		void onMessage(int sourceNode, AdapterMessage message);

		/**
		 * A peer joined.
		 * @param node its id
		 */
		default void onPeerJoined(int node) {
		}

		/**
		 * A peer left; pending requests stop waiting for it.
		 * @param node its id
		 */
		default void onPeerLeft(int node) {
		}

	}

}

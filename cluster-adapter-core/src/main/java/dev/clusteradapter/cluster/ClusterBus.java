package dev.clusteradapter.cluster;

import java.util.Set;

/**
 * Message bus between the nodes of one cluster: the primary (node {@code 0}) and its
 * workers (nodes {@code 1..n}). Messages from one node arrive at another in the order they
 * were sent. Payloads are opaque bytes; the {@code type} says how to read them.
 * <p>
 * Over IPC the primary relays; in standalone mode a bus has no peers and every publish is
 * a no-op.
 */
public interface ClusterBus {

	/** Node id of the primary. */
	int PRIMARY = 0;

	/** Smallest message type free for users of the bus; lower types are the transport's own. */
	int FIRST_APPLICATION_TYPE = 0x10;

	/**
	 * Id of this node: {@link #PRIMARY} or a worker id.
	 * @return the node id
	 */
	int nodeId();

	/**
	 * Sends a message to every other worker node (not the primary unless it is a worker).
	 * @param type message type, at least {@link #FIRST_APPLICATION_TYPE}
	 * @param payload message bytes, not copied: do not modify afterwards
	 */
	void publish(int type, byte[] payload);

	/**
	 * Sends a message to one node.
	 * @param targetNode node id, {@link #PRIMARY} included
	 * @param type message type, at least {@link #FIRST_APPLICATION_TYPE}
	 * @param payload message bytes, not copied: do not modify afterwards
	 */
	void send(int targetNode, int type, byte[] payload);

	/**
	 * Worker nodes other than this one whose link is up.
	 * @return a snapshot of live peer worker ids
	 */
	Set<Integer> peers();

	/**
	 * Registers a listener for messages and peer changes.
	 * @param listener the listener
	 */
	void addListener(Listener listener);

	/**
	 * Whether the calling thread is the one the listeners hear this bus on: a request's
	 * answers arrive there, so waiting there for them would wait for the request's timeout.
	 * @return {@code true} on that thread; {@code false} when unknown
	 */
	default boolean readsOnCurrentThread() {
		return false;
	}

	/** Receives what arrives on a {@link ClusterBus}. Called on a transport thread: do not block. */
	interface Listener {

		/**
		 * A message from another node.
		 * @param sourceNode sender, as authenticated by the transport
		 * @param type message type
		 * @param payload message bytes
		 */
		void onMessage(int sourceNode, int type, byte[] payload);

		/**
		 * A worker node joined the cluster.
		 * @param node its id
		 */
		default void onPeerJoined(int node) {
		}

		/**
		 * A worker node left the cluster (its link dropped); announced as soon as the
		 * primary notices, so pending requests can settle without waiting for timeouts.
		 * @param node its id
		 */
		default void onPeerLeft(int node) {
		}

	}

}

package dev.clusteradapter.cluster.redis;

import java.util.List;

import dev.clusteradapter.cluster.adapter.AdapterMessage;

/**
 * One of Socket.IO's Redis wires: which channels a node subscribes, and how adapter messages
 * become frames and back. Implementations hold no connection and are thread-safe.
 */
interface NodeWire {

	/**
	 * Channels to SUBSCRIBE (classic) or SSUBSCRIBE (sharded) to serve a namespace.
	 * @param nsp the namespace
	 * @param servesClients whether this node serves clients (an emitter only needs answers)
	 * @return the channels
	 */
	List<String> channels(String nsp, boolean servesClients);

	/**
	 * Channels to subscribe once per node, whatever the namespaces.
	 * @param servesClients whether this node serves clients
	 * @return the channels (SUBSCRIBE in classic mode, SSUBSCRIBE in sharded mode)
	 */
	List<String> nodeChannels(boolean servesClients);

	/**
	 * Patterns to PSUBSCRIBE (classic only).
	 * @param servesClients whether this node serves clients
	 * @return the patterns
	 */
	List<String> patterns(boolean servesClients);

	/**
	 * Channel whose subscriber count is the number of serving nodes.
	 * @return the channel
	 */
	String serverCountChannel();

	/**
	 * A channel only the node of that uid subscribes, from its start to its end (its answers'
	 * channel in the main namespace): its subscriber count says whether that node's link to
	 * Redis is still there.
	 * @param uid the node's uid
	 * @return the channel
	 */
	String peerChannel(String uid);

	/**
	 * Whether frames are SPUBLISHed (sharded pub/sub).
	 * @return whether sharded
	 */
	boolean sharded();

	/**
	 * A message to every node.
	 * @param message the message
	 * @return the frame, or {@code null} if this wire does not carry it
	 */
	WireFrame publish(AdapterMessage message);

	/**
	 * A message to one node, an answer usually.
	 * @param targetUid the node's uid
	 * @param namedPeer whether that node speaks this adapter's extensions (heartbeats heard)
	 * @param message the message
	 * @return the frame, or {@code null} if this wire does not carry it to that node
	 */
	WireFrame send(String targetUid, boolean namedPeer, AdapterMessage message);

	/**
	 * A signal of life of this node.
	 * @param signal the signal
	 * @return the frame
	 */
	WireFrame signal(WireMessage.Signal signal);

	/**
	 * Reads a frame.
	 * @param channel the channel it came on
	 * @param payload its bytes
	 * @return what it says, or {@code null} when this node has nothing to do with it (its
	 *         own message, another namespace's, a type it does not serve)
	 * @throws RuntimeException when the frame is malformed
	 */
	WireMessage read(String channel, byte[] payload);

}

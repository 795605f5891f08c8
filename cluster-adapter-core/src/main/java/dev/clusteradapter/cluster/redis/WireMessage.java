package dev.clusteradapter.cluster.redis;

import dev.clusteradapter.cluster.adapter.AdapterMessage;

/**
 * What a frame from Redis says: an adapter message, or a peer's signal of life.
 *
 * @param senderUid the sender's uid, or {@code null} where the wire does not carry it
 *        (classic responses of Node servers)
 * @param message the adapter message, or {@code null} for a signal
 * @param signal the peer signal, or {@code null} for a message
 * @param type a short name of what it carried, for meters
 */
record WireMessage(String senderUid, AdapterMessage message, Signal signal, String type) {

	static WireMessage of(String senderUid, AdapterMessage message, String type) {
		return new WireMessage(senderUid, message, null, type);
	}

	static WireMessage signal(String senderUid, Signal signal) {
		return new WireMessage(senderUid, null, signal, signal.name().toLowerCase(java.util.Locale.ROOT));
	}

	/** Liveness of this adapter's peers (Node servers send none). */
	enum Signal {

		/** A peer started: everyone answers with a heartbeat, so it learns the fleet at once. */
		INITIAL_HEARTBEAT,

		/** A peer is alive. */
		HEARTBEAT,

		/** A peer is closing its adapter. */
		CLOSE

	}

}

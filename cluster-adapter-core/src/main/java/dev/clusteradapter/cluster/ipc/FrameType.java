package dev.clusteradapter.cluster.ipc;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * The transport's own frame types, all below {@link ClusterBus#FIRST_APPLICATION_TYPE}.
 */
final class FrameType {

	/** Hub to worker: the hub's nonce. */
	static final int AUTH_CHALLENGE = 0x01;

	/** Worker to hub: its nonce, requested id, pid and proof of the secret. */
	static final int AUTH_RESPONSE = 0x02;

	/** Hub to worker: the assigned id, the hub's own proof, and the live peers. */
	static final int AUTH_OK = 0x03;

	/** Hub to worker: why it is turned away, just before the hub closes the link. */
	static final int AUTH_REJECTED = 0x04;

	/** Worker to hub with an opaque status payload, and the hub's empty answer. */
	static final int HEARTBEAT = 0x05;

	/** Hub to workers: a worker id whose link came up. */
	static final int PEER_JOINED = 0x06;

	/** Hub to workers: a worker id whose link went down. */
	static final int PEER_LEFT = 0x07;

	/**
	 * Worker to hub: an opaque report between heartbeats (its session counts, as sessions
	 * open and close), handed to the hub's link listeners; never answered.
	 */
	static final int REPORT = 0x08;

	/** Largest frame type. */
	static final int MAX = 0xFFFF;

	private FrameType() {
	}

	static void checkApplicationMessage(int type, byte[] payload, int maxPayload) {
		if (type < ClusterBus.FIRST_APPLICATION_TYPE || type > MAX) {
			throw new IllegalArgumentException("Message type must be in [0x" + Integer.toHexString(
					ClusterBus.FIRST_APPLICATION_TYPE) + ", 0x" + Integer.toHexString(MAX) + "]: " + type);
		}
		if (payload.length > maxPayload) {
			throw new IllegalArgumentException(
					"Payload of " + payload.length + " bytes exceeds the maximum of " + maxPayload);
		}
	}

}

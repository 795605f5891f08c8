package dev.clusteradapter.cluster.ipc;

/**
 * Receives counts from an {@link IpcHub} or {@link IpcClient}, for example to feed
 * Micrometer meters. Called on I/O threads: implementations must be fast and must not block.
 */
public interface IpcMetrics {

	/** Metrics that count nothing. */
	IpcMetrics NONE = new IpcMetrics() {
	};

	/**
	 * A frame arrived on a link.
	 * @param type frame type
	 * @param bytes frame size, header included
	 */
	default void frameIn(int type, int bytes) {
	}

	/**
	 * A frame was queued on a link.
	 * @param type frame type
	 * @param bytes frame size, header included
	 */
	default void frameOut(int type, int bytes) {
	}

	/** A malformed or oversized frame closed its link. */
	default void malformedFrame() {
	}

	/**
	 * A frame was dropped: unknown target, or its link gone.
	 * @param type frame type
	 */
	default void droppedFrame(int type) {
	}

	/**
	 * A connecting peer was turned away before it could send a message.
	 * @param reason why
	 */
	default void peerRejected(Rejection reason) {
	}

	/**
	 * A link was closed because more than the outbound queue limit was pending for it.
	 * @param node the node at the other end, {@link dev.clusteradapter.cluster.ClusterBus#PRIMARY} on a worker
	 */
	default void linkClosedForBackPressure(int node) {
	}

	/** Why a peer was rejected. */
	enum Rejection {

		/** Its answer to the challenge did not prove the secret. */
		BAD_PROOF,

		/** Its process runs as another user. */
		UID_MISMATCH,

		/** It asked for the id of a live worker. */
		DUPLICATE_ID,

		/** It sent something other than an authentication answer. */
		PROTOCOL,

		/** It did not authenticate in time. */
		TIMEOUT

	}

}

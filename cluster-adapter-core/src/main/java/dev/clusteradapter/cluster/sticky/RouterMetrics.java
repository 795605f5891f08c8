package dev.clusteradapter.cluster.sticky;

/**
 * Receives the {@link StickyRouter}'s routing decisions, for metrics. Called on I/O threads:
 * do not block.
 */
public interface RouterMetrics {

	/** Metrics that record nothing. */
	RouterMetrics NONE = new RouterMetrics() {
	};

	/**
	 * A request was routed to a worker.
	 * @param workerId the worker
	 * @param sessionOwner whether the worker owns the request's session (else it was picked by
	 * load balancing)
	 */
	default void routed(int workerId, boolean sessionOwner) {
	}

	/**
	 * A connection's first request was dealt with.
	 * @param mode the router's resolved mode
	 * @param outcome what happened
	 */
	default void decision(StickyMode mode, RoutingOutcome outcome) {
	}

}

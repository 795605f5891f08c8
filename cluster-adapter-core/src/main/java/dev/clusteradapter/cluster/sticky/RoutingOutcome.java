package dev.clusteradapter.cluster.sticky;

/**
 * What the {@link StickyRouter} did with a connection's first request.
 */
public enum RoutingOutcome {

	/** Connection handed over to the worker. */
	HANDED_OVER,

	/** Connection relayed to the worker. */
	RELAYED,

	/** No live worker, or the chosen one could not be reached: answered {@code 503}. */
	REJECTED_503,

	/** Malformed request line or headers: answered {@code 400}. */
	BAD_REQUEST,

	/** Request head over the limit: answered {@code 431}. */
	HEADER_TOO_LARGE,

	/** No complete request head in time: closed. */
	TIMEOUT

}

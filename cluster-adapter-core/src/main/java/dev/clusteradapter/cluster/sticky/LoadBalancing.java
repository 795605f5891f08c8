package dev.clusteradapter.cluster.sticky;

/**
 * How the {@link StickyRouter} picks a worker for a request that belongs to no live session,
 * as in {@code @socket.io/sticky}.
 */
public enum LoadBalancing {

	/** The worker with the fewest clients; ties go round-robin so lagging counts still spread. */
	LEAST_CONNECTION,

	/** Each worker in turn. */
	ROUND_ROBIN,

	/** A worker picked at random. */
	RANDOM

}

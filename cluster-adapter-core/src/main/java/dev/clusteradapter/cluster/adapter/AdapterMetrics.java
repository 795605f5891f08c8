package dev.clusteradapter.cluster.adapter;

import java.time.Duration;

/**
 * Receives the adapter's measurements; bound to a meter registry by the application.
 */
@FunctionalInterface
public interface AdapterMetrics {

	/** Discards every measurement. */
	AdapterMetrics NONE = (type, outcome, duration) -> {
	};

	/**
	 * An inter-node request settled.
	 * @param type what was asked
	 * @param outcome how it settled
	 * @param duration time from sending to settling
	 */
	void requestCompleted(RequestType type, RequestOutcome outcome, Duration duration);

	/**
	 * Hands each measurement to this hook, then to another.
	 * @param next the other hook
	 * @return both hooks as one
	 */
	default AdapterMetrics andThen(AdapterMetrics next) {
		return (type, outcome, duration) -> {
			requestCompleted(type, outcome, duration);
			next.requestCompleted(type, outcome, duration);
		};
	}

}

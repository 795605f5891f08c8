package dev.clusteradapter.cluster.server;

/**
 * Receives the clients a worker cut off because they did not read what they were sent;
 * bound to a meter registry by the application. Called on I/O threads: do not block.
 */
@FunctionalInterface
public interface SlowClientMetrics {

	/** Discards every measurement. */
	SlowClientMetrics NONE = (reason) -> {
	};

	/**
	 * A client was cut off.
	 * @param reason why
	 */
	void slowClient(SlowClientReason reason);

}

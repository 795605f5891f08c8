package dev.clusteradapter.cluster.redis;

/**
 * A frame from Redis that cannot be read: counted and dropped, never fatal to a subscriber.
 */
public class MalformedMessageException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what was wrong
	 */
	public MalformedMessageException(String message) {
		super(message);
	}

}

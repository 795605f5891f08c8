package dev.clusteradapter.cluster.redis;

/**
 * A payload read from Redis that is not a well-formed message: bad msgpack or JSON,
 * truncated, trailing bytes, a length beyond the payload, nesting too deep. The one
 * exception the decoders throw on bad input, so a subscriber can count and drop the
 * message and go on.
 */
public class MalformedMessageException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what is wrong, and where
	 */
	public MalformedMessageException(String message) {
		super(message);
	}

	/**
	 * Creates an exception.
	 * @param message what is wrong, and where
	 * @param cause the parser's own exception
	 */
	public MalformedMessageException(String message, Throwable cause) {
		super(message, cause);
	}

}

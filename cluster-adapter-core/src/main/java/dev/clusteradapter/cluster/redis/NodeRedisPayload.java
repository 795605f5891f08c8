package dev.clusteradapter.cluster.redis;

import java.io.IOException;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads a payload of Socket.IO's Redis adapter as its Node.js peers do: JSON when the first
 * byte is {@code '{'}, msgpack ({@link Notepack}) otherwise. Both give the same Java shapes:
 * {@code LinkedHashMap<String, Object>}, {@code ArrayList<Object>}, {@link String},
 * {@link Boolean}, numbers ({@link Integer}, {@link Long}, {@link java.math.BigInteger} or
 * {@link Double} from JSON; see {@link Notepack} for msgpack), {@code null}, and from msgpack
 * also {@code byte[]} and {@link java.time.Instant}.
 * <p>
 * Which frames are which (from {@code @socket.io/redis-adapter} 8.3.0): classic broadcasts
 * are always msgpack; classic requests and responses are JSON except the broadcast-with-ack
 * request (type 7) and the client acks it collects (type 9), which are msgpack; sharded
 * messages are JSON unless a broadcast, ack, fetched socket or server-side emit carries
 * binary, then msgpack.
 */
public final class NodeRedisPayload {

	private static final ObjectReader JSON = new ObjectMapper()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.readerFor(Object.class);

	private NodeRedisPayload() {
	}

	/**
	 * Whether Node reads this payload as JSON.
	 * @param payload the bytes received
	 * @return {@code true} when the first byte is {@code '{'}
	 */
	public static boolean isJson(byte[] payload) {
		return payload.length > 0 && payload[0] == NodeRedisProtocol.JSON_FIRST_BYTE;
	}

	/**
	 * Decodes a payload as JSON or msgpack, by its first byte.
	 * @param payload the bytes received
	 * @return the value
	 * @throws MalformedMessageException when the bytes are not one well-formed value
	 */
	public static Object decode(byte[] payload) {
		if (!isJson(payload)) {
			return Notepack.decode(payload);
		}
		try {
			return JSON.readValue(payload);
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException("Malformed JSON: " + ex.getOriginalMessage(), ex);
		}
		catch (IOException ex) {
			// a byte array does not fail to read
			throw new MalformedMessageException("Unreadable JSON", ex);
		}
	}

}

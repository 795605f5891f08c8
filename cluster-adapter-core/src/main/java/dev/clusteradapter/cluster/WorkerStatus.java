package dev.clusteradapter.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

/**
 * What a worker tells the primary in each heartbeat: enough to route clients to it and to
 * report its health.
 *
 * @param pid process id of the worker JVM
 * @param socketIoPort loopback port of its Socket.IO server, {@code 0} while not serving
 * @param handoverAddress Unix socket path that takes handed-over connections, or
 * {@code null} where connections are relayed
 * @param clients connected Socket.IO clients
 * @param rooms rooms at least one of its own clients is in, over every namespace (not the room
 * named after a namespace, which every client of it is in)
 * @param requests the adapter's settled inter-node requests since this JVM started, keyed
 * {@code type:outcome} (for example {@code fetch_sockets:success}); only pairs seen so far.
 * Workers have no web server by default, so this is how their request meters reach the
 * primary. Empty from workers that predate it.
 */
public record WorkerStatus(long pid, int socketIoPort, String handoverAddress, int clients, int rooms,
		Map<String, RequestTotal> requests) {

	private static final ObjectMapper MAPPER = CBORMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/** Status of a worker that has not reported yet. */
	public static final WorkerStatus UNKNOWN = new WorkerStatus(0, 0, null, 0, 0);

	/**
	 * Normalizes a missing request map, as older workers send, to an empty one.
	 */
	public WorkerStatus {
		requests = (requests != null) ? Map.copyOf(requests) : Map.of();
	}

	/**
	 * Creates a status that reports no requests.
	 * @param pid process id of the worker JVM
	 * @param socketIoPort loopback port of its Socket.IO server, {@code 0} while not serving
	 * @param handoverAddress Unix socket path that takes handed-over connections, or
	 * {@code null}
	 * @param clients connected Socket.IO clients
	 * @param rooms rooms at least one of its own clients is in
	 */
	public WorkerStatus(long pid, int socketIoPort, String handoverAddress, int clients, int rooms) {
		this(pid, socketIoPort, handoverAddress, clients, rooms, Map.of());
	}

	/**
	 * Whether the worker serves clients.
	 * @return true once its Socket.IO server listens
	 */
	public boolean serving() {
		return this.socketIoPort > 0;
	}

	/**
	 * Encodes this status for a heartbeat.
	 * @return CBOR bytes
	 */
	public byte[] encode() {
		try {
			return MAPPER.writeValueAsBytes(this);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Decodes a heartbeat's status; an empty or unreadable payload reads as
	 * {@link #UNKNOWN}, since a heartbeat proves liveness whatever it carries.
	 * @param bytes CBOR bytes, may be {@code null}
	 * @return the status
	 */
	public static WorkerStatus decode(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			return UNKNOWN;
		}
		try {
			return MAPPER.readValue(bytes, WorkerStatus.class);
		}
		catch (IOException ex) {
			return UNKNOWN;
		}
	}

	/**
	 * Cumulative figures of one request type and outcome in one worker JVM. Both only grow
	 * while the JVM lives and restart from zero with a new one.
	 *
	 * @param count requests settled
	 * @param totalNanos their summed time from sending to settling, in nanoseconds
	 */
	public record RequestTotal(long count, long totalNanos) {

	}

}

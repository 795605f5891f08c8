package dev.clusteradapter.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;

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
 * @param rooms rooms with at least one member, over every namespace
 */
public record WorkerStatus(long pid, int socketIoPort, String handoverAddress, int clients, int rooms) {

	private static final ObjectMapper MAPPER = CBORMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/** Status of a worker that has not reported yet. */
	public static final WorkerStatus UNKNOWN = new WorkerStatus(0, 0, null, 0, 0);

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

}

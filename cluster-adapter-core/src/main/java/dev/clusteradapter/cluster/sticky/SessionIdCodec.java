package dev.clusteradapter.cluster.sticky;

import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Engine.IO session ids that name the worker owning the session, so the primary routes a
 * request by reading its {@code sid} alone: no table of sessions, no message per session, and
 * nothing lost when the primary restarts.
 * <pre>
 *  36-character UUID, most significant 64 bits:
 *  +------------------+----------------------------------------------+
 *  | worker id (16)   | random, version nibble 4 kept (48)           |
 *  +------------------+----------------------------------------------+
 *  least significant 64 bits: random, IETF variant kept
 * </pre>
 * 106 random bits remain, so ids stay unguessable. A client can read its worker id off its
 * sid; it cannot choose a sid, because the router and {@link SessionIdAssigner} replace any.
 */
public final class SessionIdCodec {

	/** Largest worker id a session id can carry. */
	public static final int MAX_WORKER_ID = 0xFFFF;

	private SessionIdCodec() {
	}

	/**
	 * A fresh session id owned by a worker.
	 * @param workerId the worker, 0 to {@link #MAX_WORKER_ID}
	 * @return the id
	 */
	static UUID newSessionId(int workerId) {
		requireWorkerId(workerId);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & 0x0000FFFFFFFF0FFFL) | 0x4000L | ((long) workerId << 48);
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least);
	}

	static int requireWorkerId(int workerId) {
		if (workerId < 0 || workerId > MAX_WORKER_ID) {
			throw new IllegalArgumentException("Worker id out of range: " + workerId);
		}
		return workerId;
	}

	/**
	 * The worker a session id names.
	 * @param sid a session id as a client sent it
	 * @return the worker id, or empty when {@code sid} is not a session id ({@link EngineIoSessionId#parse})
	 */
	public static OptionalInt workerOf(String sid) {
		UUID id = EngineIoSessionId.parse(sid);
		return (id != null) ? OptionalInt.of((int) (id.getMostSignificantBits() >>> 48)) : OptionalInt.empty();
	}

}

package dev.clusteradapter.cluster.supervisor;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Environment variables through which a primary hands a forked worker what it must know.
 * The environment, unlike the command line, is not readable by other users of the host,
 * which is why the IPC secret travels here.
 */
public final class WorkerEnvironment {

	/** Id of the worker, {@code 1..n}; its presence marks a JVM forked by a primary. */
	public static final String WORKER_ID = "SOCKETIO_CLUSTER_WORKER_ID";

	/** Address of the primary's IPC endpoint. */
	public static final String IPC_ENDPOINT = "SOCKETIO_CLUSTER_IPC_ENDPOINT";

	/** Shared secret with which a worker proves itself to the primary. */
	public static final String IPC_SECRET = "SOCKETIO_CLUSTER_IPC_SECRET";

	/** Pid of the primary that forked this worker. */
	public static final String PRIMARY_PID = "SOCKETIO_CLUSTER_PRIMARY_PID";

	/**
	 * {@code true} for a standby: a worker JVM forked without an id, which starts its
	 * application and waits until its primary adopts it as a worker (see
	 * {@link ParentWatch}).
	 */
	public static final String STANDBY = "SOCKETIO_CLUSTER_STANDBY";

	private WorkerEnvironment() {
	}

	/**
	 * Whether this JVM was forked by a primary as a worker, or as a standby worker.
	 * @return {@code true} when {@link #WORKER_ID} is set, or {@link #STANDBY} is
	 * {@code true}
	 */
	public static boolean isForkedWorker() {
		return workerId(System.getenv()).isPresent() || isStandby(System.getenv());
	}

	/**
	 * Whether the given environment is a standby's.
	 * @param environment environment variables
	 * @return {@code true} when {@link #STANDBY} is {@code true}
	 */
	public static boolean isStandby(Map<String, String> environment) {
		return "true".equals(environment.get(STANDBY));
	}

	/**
	 * Worker id of this JVM, when forked by a primary.
	 * @return the id, or empty for a primary or a standalone process
	 */
	public static OptionalInt workerId() {
		return workerId(System.getenv());
	}

	/**
	 * Worker id in the given environment.
	 * @param environment environment variables
	 * @return the id, or empty when absent
	 * @throws IllegalStateException when the variable is set but not a positive integer
	 */
	public static OptionalInt workerId(Map<String, String> environment) {
		String value = environment.get(WORKER_ID);
		if (value == null || value.isBlank()) {
			return OptionalInt.empty();
		}
		try {
			int id = Integer.parseInt(value.trim());
			if (id > 0) {
				return OptionalInt.of(id);
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the variable's name
		}
		throw new IllegalStateException(WORKER_ID + " must be a positive integer, got '" + value + "'");
	}

}

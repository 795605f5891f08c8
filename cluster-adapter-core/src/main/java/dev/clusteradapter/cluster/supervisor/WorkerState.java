package dev.clusteradapter.cluster.supervisor;

/**
 * Life-cycle state of a worker slot of a {@link WorkerSupervisor}.
 */
public enum WorkerState {

	/** Its JVM is being launched. */
	STARTING,

	/** Its JVM is alive. */
	RUNNING,

	/** Its JVM exited; a new one will be launched after a back-off delay. */
	RESTARTING,

	/** Its JVM was asked to terminate and has not exited yet. */
	STOPPING,

	/** No JVM, and none will be launched. */
	STOPPED

}

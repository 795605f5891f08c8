package dev.clusteradapter.cluster.node;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.clusteradapter.cluster.ipc.IpcClient;
import dev.clusteradapter.cluster.ipc.IpcEndpoint;
import dev.clusteradapter.cluster.ipc.IpcMetrics;
import dev.clusteradapter.cluster.ipc.IpcOptions;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.supervisor.ParentWatch;
import dev.clusteradapter.cluster.supervisor.WorkerEnvironment;

/**
 * Worker JVM for the tests of {@link PrimaryNode}: links to the primary named in its
 * environment as the worker id it was given, with heartbeats every 200 ms, prints
 * {@code worker <id> linked pid <pid>}, and leaves when its link or its primary is gone.
 */
public final class LinkedWorkerMain {

	/** Heartbeat period of these workers; the primary's timeout in the tests is a few of them. */
	static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(200);

	private LinkedWorkerMain() {
	}

	public static void main(String[] args) throws Exception {
		int id = WorkerEnvironment.workerId().orElseThrow();
		IpcOptions options = IpcOptions.builder(IpcSecret.fromBase64(System.getenv(WorkerEnvironment.IPC_SECRET)))
			.heartbeatInterval(HEARTBEAT_INTERVAL)
			.build();
		IpcClient client = new IpcClient(IpcEndpoint.parse(System.getenv(WorkerEnvironment.IPC_ENDPOINT)), options, id,
				IpcMetrics.NONE);
		ParentWatch.start((reason) -> System.exit(0), (adopted) -> {
		}, Duration.ofSeconds(5));
		client.connect().get(30, TimeUnit.SECONDS);
		System.out.println("worker " + id + " linked pid " + ProcessHandle.current().pid());
		client.closeFuture().join();
		System.exit(75);
	}

}

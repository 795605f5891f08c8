package dev.clusteradapter.cluster.node;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import dev.clusteradapter.cluster.WorkerStatus;
import dev.clusteradapter.cluster.ipc.IpcClient;
import dev.clusteradapter.cluster.ipc.IpcEndpoint;
import dev.clusteradapter.cluster.ipc.IpcMetrics;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.supervisor.ParentWatch;
import dev.clusteradapter.cluster.supervisor.WorkerEnvironment;

/**
 * Worker JVM for the node tests: links to the primary named in its environment with a
 * {@link WorkerNode}, as a worker of the starter does, heartbeating as {@link IpcHubs}
 * says, and reports serving Socket.IO on the port given as its first argument. Leaves with
 * status 0 when its primary asks it to stop, 75 when it loses its primary.
 */
public final class LinkingWorkerMain {

	private LinkingWorkerMain() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		IpcClient client = new IpcClient(IpcEndpoint.parse(System.getenv(WorkerEnvironment.IPC_ENDPOINT)),
				IpcHubs.options(IpcSecret.fromBase64(System.getenv(WorkerEnvironment.IPC_SECRET))),
				WorkerEnvironment.workerId().orElse(0), IpcMetrics.NONE);
		WorkerNode node = new WorkerNode(client, Duration.ofSeconds(10), () -> System.exit(75));
		long pid = ProcessHandle.current().pid();
		node.reportStatus(() -> new WorkerStatus(pid, port, null, 0, 0));
		node.start();
		ParentWatch.start((reason) -> System.exit((reason == ParentWatch.Reason.STOP_REQUESTED) ? 0 : 75),
				(adopted) -> {
				}, Duration.ofSeconds(5));
		new CountDownLatch(1).await();
	}

}

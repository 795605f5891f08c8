package dev.clusteradapter.cluster.node;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.ipc.IpcHub;
import dev.clusteradapter.cluster.ipc.IpcOptions;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.supervisor.RestartBackoff;
import dev.clusteradapter.cluster.supervisor.SupervisorOptions;
import dev.clusteradapter.cluster.supervisor.WorkerCommand;
import dev.clusteradapter.cluster.supervisor.WorkerEnvironment;
import dev.clusteradapter.cluster.supervisor.WorkerJvm;
import dev.clusteradapter.cluster.supervisor.WorkerState;
import dev.clusteradapter.cluster.supervisor.WorkerSupervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PrimaryNode}: a real hub supervising real worker JVMs
 * ({@link LinkedWorkerMain}) linked to it.
 */
class PrimaryNodeTests {

	private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(60);

	private final IpcSecret secret = IpcSecret.generate();

	private PrimaryNode primary;

	@AfterEach
	void stop() {
		if (this.primary != null) {
			List<Long> pids = this.primary.workers().stream().map(WorkerSnapshot::pid).toList();
			this.primary.stop();
			pids.forEach((pid) -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
		}
	}

	@Test
	void hungWorkerIsKilledAndReplacedAndItsSnapshotSaysWhy() throws Exception {
		start(1, Duration.ofSeconds(1));
		await().atMost(LAUNCH_TIMEOUT).until(() -> worker(1).linked());
		long hung = worker(1).pid();
		signal("STOP", hung);
		long began = System.nanoTime();
		await().atMost(LAUNCH_TIMEOUT).until(() -> worker(1).pid() != hung && worker(1).linked());
		System.out.printf("MEASURED: SIGSTOP to a linked replacement in %d ms (heartbeat timeout 1 s, grace 1 s)%n",
				Duration.ofNanos(System.nanoTime() - began).toMillis());
		assertThat(ProcessHandle.of(hung).map(ProcessHandle::isAlive).orElse(false)).isFalse();
		WorkerSnapshot replaced = worker(1);
		assertThat(replaced.state()).isEqualTo(WorkerState.RUNNING);
		assertThat(replaced.restarts()).isEqualTo(1);
		assertThat(replaced.lastExitReason()).isEqualTo("link lost (no heartbeat for 1s)");
	}

	private void start(int workers, Duration heartbeatTimeout) throws IOException {
		IpcHub hub = new IpcHub(IpcOptions.builder(this.secret)
			.heartbeatInterval(LinkedWorkerMain.HEARTBEAT_INTERVAL)
			.heartbeatTimeout(heartbeatTimeout)
			.build());
		WorkerCommand command = WorkerCommand.ofCurrentJvm(LinkedWorkerMain.class.getName(), WorkerJvm.OPTIONS,
				List.of());
		this.primary = new PrimaryNode(hub, (node) -> new WorkerSupervisor(SupervisorOptions.builder(command)
			.workers(workers)
			.environment((id) -> Map.of(WorkerEnvironment.IPC_ENDPOINT, node.endpoint().toString(),
					WorkerEnvironment.IPC_SECRET, this.secret.toBase64()))
			.backoff(new RestartBackoff(Duration.ofMillis(100), 2, Duration.ofSeconds(1), Duration.ofSeconds(30)))
			.gracePeriod(Duration.ofSeconds(1))
			.build()), (routes) -> null);
		this.primary.start();
	}

	private WorkerSnapshot worker(int id) {
		return this.primary.workers().stream().filter((worker) -> worker.id() == id).findFirst().orElseThrow();
	}

	private static void signal(String signal, long pid) throws Exception {
		assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
	}

}

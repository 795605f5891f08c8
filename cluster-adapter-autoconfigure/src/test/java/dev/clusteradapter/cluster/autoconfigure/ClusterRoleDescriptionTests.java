package dev.clusteradapter.cluster.autoconfigure;

import dev.clusteradapter.cluster.supervisor.WorkerEnvironment;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterRoleDescription}: the start-up line says what the process became
 * and which setting made it so.
 */
class ClusterRoleDescriptionTests {

	@Test
	void primaryByDefaultSaysItForksOneWorkerPerProcessorAndHowToTurnItOff() {
		int processors = Runtime.getRuntime().availableProcessors();
		assertThat(describe(new MockEnvironment())).isEqualTo("Socket.IO cluster: primary (socketio.cluster.role=auto, "
				+ "not started by a primary), starting " + processors + " worker JVM" + ((processors == 1) ? "" : "s")
				+ " (socketio.cluster.workers unset: one per available processor); "
				+ "turn it off with socketio.cluster.enabled=false");
	}

	@Test
	void primaryNamesTheConfiguredWorkers() {
		assertThat(describe(new MockEnvironment().withProperty("socketio.cluster.workers", "2")))
			.contains("starting 2 worker JVMs (socketio.cluster.workers=2)");
		assertThat(describe(new MockEnvironment().withProperty("socketio.cluster.workers", "1")))
			.contains("starting 1 worker JVM (socketio.cluster.workers=1)");
		assertThat(describe(new MockEnvironment().withProperty("socketio.cluster.role", "primary")
			.withProperty("socketio.cluster.workers", "0")))
			.startsWith("Socket.IO cluster: primary (socketio.cluster.role=primary), waiting for external workers "
					+ "(socketio.cluster.workers=0)");
	}

	@Test
	void processStartedByAPrimaryIsItsWorkerWhateverTheRoleSays() {
		assertThat(describe(new MockEnvironment().withProperty("socketio.cluster.role", "primary")
			.withProperty(WorkerEnvironment.WORKER_ID, "3")))
			.isEqualTo("Socket.IO cluster: worker (started by its primary as worker 3)");
	}

	@Test
	void standbyStartedByAPrimaryIsAWorkerWaitingForItsId() {
		assertThat(describe(new MockEnvironment().withProperty(WorkerEnvironment.STANDBY, "true")))
			.isEqualTo("Socket.IO cluster: worker (started by its primary as its standby, "
					+ "to be adopted as a worker that ends)");
	}

	@Test
	void externalWorkerAndStandaloneSayWhichRoleWasSet() {
		assertThat(describe(new MockEnvironment().withProperty("socketio.cluster.role", "worker")))
			.isEqualTo("Socket.IO cluster: worker (socketio.cluster.role=worker)");
		assertThat(describe(new MockEnvironment().withProperty("socketio.cluster.role", "standalone")))
			.isEqualTo("Socket.IO cluster: standalone (socketio.cluster.role=standalone), "
					+ "serving Socket.IO clients itself, no workers");
	}

	private static String describe(MockEnvironment environment) {
		ClusterProperties properties = Binder.get(environment).bindOrCreate("socketio.cluster", ClusterProperties.class);
		return ClusterRoleDescription.of(environment, properties);
	}

}

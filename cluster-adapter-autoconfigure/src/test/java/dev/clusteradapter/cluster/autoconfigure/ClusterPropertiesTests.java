package dev.clusteradapter.cluster.autoconfigure;

import java.util.List;

import dev.clusteradapter.cluster.adapter.ClusterAdapter;
import dev.clusteradapter.cluster.adapter.ConnectionRecoveryOptions;
import dev.clusteradapter.cluster.autoconfigure.SocketIoClusterAutoConfiguration.PrimaryConfiguration;
import dev.clusteradapter.cluster.ipc.IpcOptions;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.sticky.StickyRouterOptions;
import dev.clusteradapter.cluster.supervisor.RestartBackoff;
import dev.clusteradapter.cluster.supervisor.SupervisorOptions;
import dev.clusteradapter.cluster.supervisor.WorkerCommand;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClusterProperties}: each default is the library's own, so that the starter
 * and the library, used without Spring, behave alike. The defaults live twice (here for the
 * IDE metadata, in the library's option types for everyone else); these tests fail when
 * they drift apart.
 */
class ClusterPropertiesTests {

	private final ClusterProperties properties = new ClusterProperties();

	@Test
	void requestsTimeoutIsTheAdapters() {
		assertThat(this.properties.getRequestsTimeout()).isEqualTo(ClusterAdapter.DEFAULT_REQUESTS_TIMEOUT);
	}

	@Test
	void connectionStateRecoveryIsOffWithTheLibrarysDefaults() {
		SocketIoServerProperties.ConnectionStateRecovery recovery = new SocketIoServerProperties()
			.getConnectionStateRecovery();
		assertThat(recovery.isEnabled()).isFalse();
		assertThat(recovery.toOptions()).isEqualTo(ConnectionRecoveryOptions.defaults());
	}

	@Test
	void ipcOptionsAreTheLibrarysDefaults() {
		IpcSecret secret = IpcSecret.generate();
		assertThat(IpcOptionsFactory.create(this.properties, secret)).isEqualTo(IpcOptions.builder(secret).build());
	}

	@Test
	void stickyRouterOptionsAreTheLibrarysDefaults() {
		assertThat(PrimaryConfiguration.routerOptions(this.properties))
			.isEqualTo(StickyRouterOptions.of(this.properties.getHost(), this.properties.getPort()));
	}

	@Test
	void workerRestartsAndShutdownAreTheSupervisorsDefaults() {
		ClusterProperties.Worker worker = this.properties.getWorker();
		assertThat(PrimaryConfiguration.restartBackoff(worker)).isEqualTo(RestartBackoff.DEFAULT);
		assertThat(worker.getShutdownTimeout()).isEqualTo(SupervisorOptions.DEFAULT_GRACE_PERIOD);
	}

	@Test
	void standbyIsTheOneDefaultThatDiffersOnPurpose() {
		// the library cannot know that an arbitrary worker command waits for its adoption; the
		// starter's workers do, so the starter keeps a standby unless told not to
		WorkerCommand command = WorkerCommand.ofCurrentJvm(ClusterPropertiesTests.class.getName(), List.of(), List.of());
		assertThat(SupervisorOptions.builder(command).build().standby()).isFalse();
		assertThat(this.properties.getWorker().isStandby()).isTrue();
	}

}

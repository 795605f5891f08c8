package dev.clusteradapter.cluster.autoconfigure.metrics;

import dev.clusteradapter.cluster.autoconfigure.SocketIoClusterAutoConfiguration;
import dev.clusteradapter.cluster.autoconfigure.SocketIoServerAutoConfiguration;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.node.PrimaryNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Primary and external worker contexts, in this JVM, with Boot's metrics auto-configuration
 * and a simple registry.
 */
final class ClusterContexts {

	static final String SECRET = IpcSecret.generate().toBase64();

	private static final AutoConfigurations METRICS = AutoConfigurations.of(MetricsAutoConfiguration.class,
			SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
			SocketIoClusterMetricsAutoConfiguration.class);

	private ClusterContexts() {
	}

	static ApplicationContextRunner primary() {
		return new ApplicationContextRunner().withConfiguration(METRICS)
			.withConfiguration(AutoConfigurations.of(SocketIoClusterAutoConfiguration.class))
			.withPropertyValues("socketio.cluster.port=0", "socketio.cluster.host=127.0.0.1",
					"socketio.cluster.ipc.secret=" + SECRET, "socketio.cluster.heartbeat-interval=100ms");
	}

	static ApplicationContextRunner worker(PrimaryNode primary, int id) {
		return new ApplicationContextRunner().withConfiguration(METRICS)
			.withConfiguration(
					AutoConfigurations.of(SocketIoClusterAutoConfiguration.class, SocketIoServerAutoConfiguration.class))
			.withPropertyValues("socketio.cluster.role=worker", "socketio.cluster.worker-id=" + id,
					"socketio.cluster.ipc.address=" + primary.endpoint(), "socketio.cluster.ipc.secret=" + SECRET,
					"socketio.cluster.heartbeat-interval=100ms", "socketio.server.port=0");
	}

}

package dev.clusteradapter.cluster.autoconfigure.health;

import dev.clusteradapter.cluster.autoconfigure.SocketIoClusterAutoConfiguration;
import dev.clusteradapter.cluster.autoconfigure.SocketIoServerAutoConfiguration;
import dev.clusteradapter.cluster.node.PrimaryNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * An external worker, with its Socket.IO server on a free loopback port, that joins a
 * primary running in the same JVM.
 */
public final class ExternalWorker {

	private ExternalWorker() {
	}

	/**
	 * A runner of a worker context that joins the given primary.
	 * @param primary the primary in this JVM
	 * @param secret the primary's IPC secret, Base64
	 * @param id the worker id to ask for
	 * @return the runner, heartbeats every 100 ms
	 */
	public static ApplicationContextRunner joining(PrimaryNode primary, String secret, int id) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SocketIoClusterAutoConfiguration.class,
					SocketIoServerAutoConfiguration.class, SocketIoClusterHealthContributorAutoConfiguration.class))
			.withPropertyValues("socketio.cluster.role=worker", "socketio.cluster.worker-id=" + id,
					"socketio.cluster.ipc.address=" + primary.endpoint(), "socketio.cluster.ipc.secret=" + secret,
					"socketio.cluster.heartbeat-interval=100ms", "socketio.server.port=0");
	}

}

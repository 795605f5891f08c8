package dev.clusteradapter.cluster.node;

import java.time.Duration;

import dev.clusteradapter.cluster.ipc.IpcClient;
import dev.clusteradapter.cluster.ipc.IpcEndpoint;
import dev.clusteradapter.cluster.ipc.IpcHub;
import dev.clusteradapter.cluster.ipc.IpcMetrics;
import dev.clusteradapter.cluster.ipc.IpcOptions;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.ipc.IpcTransport;

/**
 * What the node tests share: IPC settings with quick heartbeats, on the transport this
 * machine prefers, and hubs and clients made with them.
 */
final class IpcHubs {

	static final IpcSecret SECRET = IpcSecret.generate();

	private IpcHubs() {
	}

	static IpcOptions options(IpcSecret secret) {
		return options(secret, Duration.ofSeconds(2));
	}

	static IpcOptions options(IpcSecret secret, Duration heartbeatTimeout) {
		return IpcOptions.builder(secret)
			.transport(IpcTransport.AUTO.resolve())
			.heartbeatInterval(Duration.ofMillis(100))
			.heartbeatTimeout(heartbeatTimeout)
			.build();
	}

	static IpcHub hub() {
		return new IpcHub(options(SECRET));
	}

	/**
	 * A hub that drops a link after {@code heartbeatTimeout} without a heartbeat.
	 * @param heartbeatTimeout the hub's heartbeat timeout
	 * @return the hub
	 */
	static IpcHub hub(Duration heartbeatTimeout) {
		return new IpcHub(options(SECRET, heartbeatTimeout));
	}

	static IpcClient client(IpcEndpoint endpoint, int id) {
		return client(endpoint, id, SECRET);
	}

	static IpcClient client(IpcEndpoint endpoint, int id, IpcSecret secret) {
		return new IpcClient(endpoint, options(secret), id, IpcMetrics.NONE);
	}

}

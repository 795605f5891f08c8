package dev.clusteradapter.cluster.autoconfigure;

import dev.clusteradapter.cluster.ipc.IpcOptions;
import dev.clusteradapter.cluster.ipc.IpcSecret;

/**
 * Maps {@link ClusterProperties} onto {@link IpcOptions}.
 */
final class IpcOptionsFactory {

	private IpcOptionsFactory() {
	}

	static IpcOptions create(ClusterProperties properties, IpcSecret secret) {
		ClusterProperties.Ipc ipc = properties.getIpc();
		return IpcOptions.builder(secret)
			.transport(ipc.getTransport())
			.socketDirectory(ipc.getSocketDirectory())
			.host(ipc.getHost())
			.port(ipc.getPort())
			.maxFrameSize(Math.toIntExact(ipc.getMaxFrameSize().toBytes()))
			.outboundQueueLimit(Math.toIntExact(ipc.getOutboundQueueLimit().toBytes()))
			.heartbeatInterval(properties.getHeartbeatInterval())
			.heartbeatTimeout(properties.getHeartbeatTimeout())
			.authTimeout(ipc.getAuthTimeout())
			.build();
	}

}

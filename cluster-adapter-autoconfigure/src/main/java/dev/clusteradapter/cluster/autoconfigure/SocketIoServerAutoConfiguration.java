package dev.clusteradapter.cluster.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import dev.clusteradapter.cluster.ClusterRole;
import dev.clusteradapter.cluster.SocketTransport;
import dev.clusteradapter.cluster.adapter.ClusterAdapter;
import dev.clusteradapter.cluster.adapter.ClusterStoreFactory;
import dev.clusteradapter.cluster.adapter.RequestTotals;
import dev.clusteradapter.cluster.ipc.IpcClient;
import dev.clusteradapter.cluster.ipc.IpcTransport;
import dev.clusteradapter.cluster.node.WorkerNode;
import dev.clusteradapter.cluster.sticky.SessionIdAssigner;
import dev.clusteradapter.cluster.server.ClusteredSocketIOServer;
import dev.clusteradapter.cluster.server.ServerEventLoops;
import dev.clusteradapter.cluster.server.SlowClientMetrics;
import dev.clusteradapter.cluster.supervisor.WorkerEnvironment;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the netty-socketio server in the processes that serve clients:
 * workers and standalone.
 */
@AutoConfiguration(after = SocketIoClusterAutoConfiguration.class)
@ConditionalOnClusterEnabled
@ConditionalOnClusterRole({ ClusterRole.WORKER, ClusterRole.STANDALONE })
@EnableConfigurationProperties({ ClusterProperties.class, SocketIoServerProperties.class })
public final class SocketIoServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Configuration socketIoConfiguration(SocketIoServerProperties server, ClusterProperties cluster,
			Environment environment, ObjectProvider<ClusterAdapter> adapter, ObjectProvider<SocketIoConfigurationCustomizer> customizers) {
		// the starter's safe defaults: random session ids (netty-socketio otherwise takes one
		// from an "io" header or cookie), SO_REUSEADDR (a restarted cluster binds at once),
		// native epoll where available, and the JSON support that fixes binary payloads
		Configuration configuration = ClusteredSocketIOServer.newConfiguration();
		configuration.setHostname(server.getHostname());
		configuration.setPort(serverPort(server, cluster, OnClusterRoleCondition.roleOf(environment)));
		configuration.setContext(server.getContext());
		configuration.setTransports(server.getTransports().toArray(com.corundumstudio.socketio.Transport[]::new));
		configuration.setPingInterval(Math.toIntExact(server.getPingInterval().toMillis()));
		configuration.setPingTimeout(Math.toIntExact(server.getPingTimeout().toMillis()));
		configuration.setUpgradeTimeout(Math.toIntExact(server.getUpgradeTimeout().toMillis()));
		configuration.setFirstDataTimeout(Math.toIntExact(server.getFirstDataTimeout().toMillis()));
		configuration.setMaxHttpContentLength(Math.toIntExact(server.getMaxHttpContentLength().toBytes()));
		configuration.setMaxFramePayloadLength(Math.toIntExact(server.getMaxFramePayloadLength().toBytes()));
		configuration.setOrigin(server.getOrigin());
		configuration.setEnableCors(server.isEnableCors());
		configuration.setWebsocketCompression(server.isWebsocketCompression());
		configuration.setHttpCompression(server.isHttpCompression());
		configuration.setAckMode(server.getAckMode());
		configuration.setBossThreads(server.getBossThreads());
		configuration.setWorkerThreads(workerThreads(server, cluster, environment));
		adapter.ifAvailable((clusterAdapter) -> configuration.setStoreFactory(new ClusterStoreFactory(clusterAdapter)));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(configuration));
		return configuration;
	}

	/**
	 * Event loop threads serving connections: as set; else, in a worker its primary
	 * launched on this machine, its share of the processors (the workers are the
	 * parallelism, as in Node's cluster: fewer loops wake less and contend less); else
	 * Netty's default.
	 */
	static int workerThreads(SocketIoServerProperties server, ClusterProperties cluster, Environment environment) {
		if (server.getWorkerThreads() > 0) {
			return server.getWorkerThreads();
		}
		if (environment.getProperty(WorkerEnvironment.PRIMARY_PID) != null && cluster.getWorkers() > 0) {
			return Math.max(1, Runtime.getRuntime().availableProcessors() / cluster.getWorkers());
		}
		return 0;
	}

	private static int serverPort(SocketIoServerProperties server, ClusterProperties cluster, ClusterRole role) {
		if (server.getPort() != null) {
			return server.getPort();
		}
		return (role == ClusterRole.STANDALONE) ? cluster.getPort() : 0;
	}

	/**
	 * The server's event loops, which the Redis transport's connections share (see
	 * {@link ServerEventLoops}): made by the first of them to start, shut down by the last to stop.
	 * Taken from the properties, not the {@link Configuration}, which needs the adapter, which
	 * needs the transport; a server whose configuration a customizer gave another transport or
	 * number of loops makes loops of its own.
	 */
	@Bean
	@ConditionalOnMissingBean({ SocketIOServer.class, ServerEventLoops.class })
	ServerEventLoops socketIoServerEventLoops(SocketIoServerProperties server, ClusterProperties cluster,
			Environment environment) {
		return new ServerEventLoops(server.getNettyTransport(), workerThreads(server, cluster, environment));
	}

	@Bean
	@ConditionalOnMissingBean(SocketIOServer.class)
	ClusteredSocketIOServer socketIoServer(Configuration configuration, SocketIoServerProperties properties,
			ObjectProvider<WorkerNode> workerNode, ObjectProvider<SlowClientMetrics> slowClientMetrics,
			ObjectProvider<ServerEventLoops> eventLoops, ObjectProvider<SocketIoServerCustomizer> customizers) {
		WorkerNode worker = workerNode.getIfAvailable();
		ClusteredSocketIOServer server;
		if (worker != null) {
			// Session ids name their worker, so that the primary routes without a table: the
			// worker assigns them itself, whatever a client proposes. Behind the primary each
			// new TCP connection goes to one worker, so a keep-alive connection must not
			// carry a later request of another session: responses close it.
			configuration.setRandomSession(false);
			server = new ClusteredSocketIOServer(configuration, true, new SessionIdAssigner(() -> worker.bus().nodeId()));
		}
		else {
			server = new ClusteredSocketIOServer(configuration, false);
		}
		server.setMaxOutboundBuffer(properties.getMaxOutboundBuffer().toBytes());
		server.setTransport(properties.getNettyTransport());
		eventLoops.ifAvailable(server::setEventLoops);
		slowClientMetrics.ifAvailable(server::setSlowClientMetrics);
		List<SocketIoServerCustomizer> ordered = customizers.orderedStream().toList();
		ordered.forEach((customizer) -> customizer.customize(server));
		return server;
	}

	@Bean
	@ConditionalOnMissingBean
	SocketIoServerLifecycle socketIoServerLifecycle(SocketIOServer server, ObjectProvider<WorkerNode> workerNode,
			ObjectProvider<HandoverLifecycle> handover, ObjectProvider<RequestTotals> requestTotals) {
		workerNode.ifAvailable((node) -> {
			node.reportStatus(() -> {
				HandoverLifecycle receiver = handover.getIfAvailable();
				return WorkerStatusReport.of(server, (receiver != null) ? receiver.socketPath() : null,
						requestTotals.getIfAvailable());
			});
			// least-connection balancing in the primary sees each session as it opens and closes
			node.reportSessions(() -> server.getAllClients().size());
			server.addConnectListener((client) -> node.sessionOpened());
			server.addDisconnectListener((client) -> node.sessionClosed());
		});
		return new SocketIoServerLifecycle(server);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(IpcClient.class)
	HandoverLifecycle handoverLifecycle(SocketIOServer server, IpcClient client, WorkerNode node) {
		// Handover passes file descriptors over a Unix socket: only beside a primary reached
		// through one (so on this host, with native epoll), and only into the starter's server
		// on a native transport. The socket lies beside the primary's, in the directory only
		// this user may enter.
		boolean possible = client.endpoint().transport() == IpcTransport.UNIX
				&& server instanceof ClusteredSocketIOServer clustered
				&& clustered.getTransport().resolve() != SocketTransport.NIO;
		// once it takes connections, the primary hears at once that this worker serves
		return new HandoverLifecycle(possible ? (ClusteredSocketIOServer) server : null, () -> Path
			.of(client.endpoint().address())
			.resolveSibling("worker-" + client.nodeId() + ".sock"), node::announce);
	}

}

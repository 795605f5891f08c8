package dev.clusteradapter.cluster.autoconfigure;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.clusteradapter.cluster.ClusterBus;
import dev.clusteradapter.cluster.ClusterRole;
import dev.clusteradapter.cluster.StandaloneBus;
import dev.clusteradapter.cluster.adapter.AdapterMetrics;
import dev.clusteradapter.cluster.adapter.AdapterTransport;
import dev.clusteradapter.cluster.adapter.ClusterAdapter;
import dev.clusteradapter.cluster.adapter.RequestTotals;
import dev.clusteradapter.cluster.adapter.SocketIoCluster;
import dev.clusteradapter.cluster.ipc.IpcClient;
import dev.clusteradapter.cluster.ipc.IpcEndpoint;
import dev.clusteradapter.cluster.ipc.IpcHub;
import dev.clusteradapter.cluster.ipc.IpcMetrics;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.node.PrimaryNode;
import dev.clusteradapter.cluster.node.WorkerNode;
import dev.clusteradapter.cluster.server.ServerEventLoops;
import dev.clusteradapter.cluster.sticky.RouterMetrics;
import dev.clusteradapter.cluster.sticky.StickyRouter;
import dev.clusteradapter.cluster.sticky.StickyRouterOptions;
import dev.clusteradapter.cluster.supervisor.InheritedJvmOptions;
import dev.clusteradapter.cluster.supervisor.RestartBackoff;
import dev.clusteradapter.cluster.supervisor.SupervisorOptions;
import dev.clusteradapter.cluster.supervisor.WorkerCommand;
import dev.clusteradapter.cluster.supervisor.WorkerEnvironment;
import dev.clusteradapter.cluster.supervisor.WorkerSupervisor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of this process's part in the Socket.IO cluster: the primary (IPC
 * hub and worker supervisor) or a worker (its link to the primary).
 */
@AutoConfiguration
@ConditionalOnClusterEnabled
@EnableConfigurationProperties({ ClusterProperties.class, SocketIoServerProperties.class })
public final class SocketIoClusterAutoConfiguration {

	/** Property holding the primary's bound public port once it listens. */
	public static final String LOCAL_PORT_PROPERTY = "local.socketio.cluster.port";

	/** Exit status of a worker that lost its primary. */
	static final int PRIMARY_LOST_EXIT_STATUS = 75;

	private static final Log logger = LogFactory.getLog(SocketIoClusterAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ClusterAdapter clusterAdapter(ClusterBus bus, ObjectProvider<AdapterTransport> transport, ClusterProperties properties,
			SocketIoServerProperties server, ObjectProvider<AdapterMetrics> metrics) {
		// A worker's heartbeat totals are an AdapterMetrics bean too; every hook hears every
		// request, so the totals reach the primary whatever meters the user chose.
		AdapterMetrics combined = metrics.orderedStream()
			.reduce(AdapterMetrics::andThen)
			.orElse(AdapterMetrics.NONE);
		// another transport (Redis) carries the adapter where one is configured; the bus still links primary and workers
		ClusterAdapter adapter = new ClusterAdapter(transport.getIfAvailable(() -> AdapterTransport.overBus(bus)),
				properties.getRequestsTimeout(), combined);
		// on the primary too: its broadcasts get offsets, which the workers log
		if (server.getConnectionStateRecovery().isEnabled()) {
			adapter.recovery().enable(server.getConnectionStateRecovery().toOptions());
		}
		return adapter;
	}

	@Bean
	@ConditionalOnMissingBean
	SocketIoCluster socketIoCluster(ClusterAdapter adapter) {
		return new SocketIoCluster(adapter);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClusterRole(ClusterRole.STANDALONE)
	static class StandaloneConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClusterBus clusterBus() {
			return new StandaloneBus();
		}

		@Bean
		@ConditionalOnMissingBean
		ClusterNodeLifecycle clusterNodeLifecycle(Environment environment, ClusterProperties properties) {
			return new ClusterNodeLifecycle(() -> logger.info(ClusterRoleDescription.of(environment, properties)), () -> {
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClusterRole(ClusterRole.PRIMARY)
	static class PrimaryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IpcSecret clusterIpcSecret(ClusterProperties properties) {
			String configured = properties.getIpc().getSecret();
			return StringUtils.hasText(configured) ? IpcSecret.fromBase64(configured) : IpcSecret.generate();
		}

		@Bean
		@ConditionalOnMissingBean
		IpcHub ipcHub(ClusterProperties properties, IpcSecret secret, ObjectProvider<IpcMetrics> metrics) {
			return new IpcHub(IpcOptionsFactory.create(properties, secret), metrics.getIfAvailable(() -> IpcMetrics.NONE));
		}

		@Bean
		@ConditionalOnMissingBean
		PrimaryNode primaryNode(IpcHub hub, IpcSecret secret, ClusterProperties properties,
				ObjectProvider<ApplicationArguments> arguments, ObjectProvider<RouterMetrics> routerMetrics) {
			ApplicationArguments applicationArguments = arguments.getIfAvailable();
			String[] sourceArgs = (applicationArguments != null) ? applicationArguments.getSourceArgs() : new String[0];
			return PrimaryNode.create(hub,
					(endpoint) -> (properties.getWorkers() > 0)
							? new WorkerSupervisor(supervisorOptions(endpoint, secret, properties, sourceArgs)) : null,
					(routes) -> new StickyRouter(routerOptions(properties), routes,
							routerMetrics.getIfAvailable(() -> RouterMetrics.NONE)));
		}

		static StickyRouterOptions routerOptions(ClusterProperties properties) {
			ClusterProperties.Sticky sticky = properties.getSticky();
			return StickyRouterOptions.of(properties.getHost(), properties.getPort())
				.withMode(sticky.getMode())
				.withLoadBalancing(properties.getLoadBalancing())
				.withLimits(Math.toIntExact(sticky.getMaxHeaderSize().toBytes()), sticky.getHeadTimeout());
		}

		private static SupervisorOptions supervisorOptions(Supplier<IpcEndpoint> endpoint, IpcSecret secret,
				ClusterProperties properties, String[] sourceArgs) {
			ClusterProperties.Worker worker = properties.getWorker();
			List<String> jvmOptions = new ArrayList<>(InheritedJvmOptions.ofCurrentJvm());
			jvmOptions.addAll(worker.getJvmOptions());
			WorkerCommand command = WorkerCommand.ofCurrentJvm(null, jvmOptions, List.of(sourceArgs));
			String primaryPid = Long.toString(ProcessHandle.current().pid());
			return SupervisorOptions.builder(command)
				.workers(properties.getWorkers())
				.environment((id) -> Map.of(WorkerEnvironment.IPC_ENDPOINT, endpoint.get().toString(),
						WorkerEnvironment.IPC_SECRET, secret.toBase64(), WorkerEnvironment.PRIMARY_PID, primaryPid))
				.backoff(restartBackoff(worker))
				.gracePeriod(worker.getShutdownTimeout())
				.standby(worker.isStandby())
				.build();
		}

		static RestartBackoff restartBackoff(ClusterProperties.Worker worker) {
			return new RestartBackoff(worker.getRestartInitialDelay(), RestartBackoff.DEFAULT.multiplier(),
					worker.getRestartMaxDelay(), worker.getRestartResetAfter());
		}

		@Bean
		@ConditionalOnMissingBean
		ClusterNodeLifecycle clusterNodeLifecycle(PrimaryNode node, ConfigurableEnvironment environment,
				ClusterProperties properties) {
			return new ClusterNodeLifecycle(() -> {
				logger.info(ClusterRoleDescription.of(environment, properties));
				node.start();
				publishPort(environment, node.publicAddress());
			}, node::stop);
		}

		/**
		 * Publishes the bound public port as {@code local.socketio.cluster.port}, as Spring
		 * Boot publishes {@code local.server.port}: with {@code socketio.cluster.port=0} it is
		 * the only way to know it.
		 */
		private static void publishPort(ConfigurableEnvironment environment, InetSocketAddress address) {
			if (address != null) {
				environment.getPropertySources()
					.addFirst(new MapPropertySource("socketioClusterPorts",
							Map.of(LOCAL_PORT_PROPERTY, address.getPort())));
			}
		}

		@Bean
		@ConditionalOnMissingBean
		ClusterBus clusterBus(PrimaryNode node) {
			return node.bus();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClusterRole(ClusterRole.WORKER)
	static class WorkerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IpcClient ipcClient(ClusterProperties properties, Environment environment, ObjectProvider<IpcMetrics> metrics,
				ObjectProvider<ServerEventLoops> serverLoops) {
			String endpoint = firstOf(environment.getProperty(WorkerEnvironment.IPC_ENDPOINT),
					properties.getIpc().getAddress(), "socketio.cluster.ipc.address");
			String secret = firstOf(environment.getProperty(WorkerEnvironment.IPC_SECRET),
					properties.getIpc().getSecret(), "socketio.cluster.ipc.secret");
			int id = environment.getProperty(WorkerEnvironment.WORKER_ID, Integer.class, properties.getWorkerId());
			IpcClient client = new IpcClient(IpcEndpoint.parse(endpoint),
					IpcOptionsFactory.create(properties, IpcSecret.fromBase64(secret)), id,
					metrics.getIfAvailable(() -> IpcMetrics.NONE));
			// on one of the server's event loops, as the Redis transport: a broadcast from
			// another worker is read and written to this worker's clients without a thread
			// between them
			ServerEventLoops loops = serverLoops.getIfAvailable();
			if (loops != null && client.canRunOn(loops.transport())) {
				client.runOn(loops::acquireOne, loops::release);
			}
			return client;
		}

		private static String firstOf(String fromPrimary, String configured, String property) {
			if (StringUtils.hasText(fromPrimary)) {
				return fromPrimary;
			}
			if (StringUtils.hasText(configured)) {
				return configured;
			}
			throw new IllegalStateException("A worker needs " + property + " to reach its primary");
		}

		/**
		 * The totals this worker's heartbeats report, so that the primary can publish its
		 * request meters.
		 */
		@Bean
		@ConditionalOnMissingBean
		RequestTotals socketIoClusterRequestTotals() {
			return new RequestTotals();
		}

		@Bean
		@ConditionalOnMissingBean
		WorkerNode workerNode(IpcClient client, ClusterProperties properties, ConfigurableApplicationContext context) {
			boolean standby = OnClusterRoleCondition.isStandby(context.getEnvironment());
			return new WorkerNode(client, standby ? StandbyAdoption.workerId() : null,
					properties.getIpc().getAuthTimeout().multipliedBy(2), () -> exit(context));
		}

		@Bean
		@ConditionalOnMissingBean
		ClusterNodeLifecycle clusterNodeLifecycle(WorkerNode node, Environment environment, ClusterProperties properties) {
			return new ClusterNodeLifecycle(() -> {
				logger.info(ClusterRoleDescription.of(environment, properties));
				node.start();
			}, node::stop);
		}

		@Bean
		@ConditionalOnMissingBean
		ClusterBus clusterBus(IpcClient client) {
			return client;
		}

		/**
		 * Closes the application and ends the JVM, off the calling thread: the caller may be
		 * an I/O thread that closing the application waits for.
		 */
		private static void exit(ConfigurableApplicationContext context) {
			Thread exit = new Thread(() -> System.exit(SpringApplication.exit(context, () -> PRIMARY_LOST_EXIT_STATUS)),
					"socketio-cluster-exit");
			exit.start();
		}

	}

}

package dev.clusteradapter.cluster.autoconfigure;

import java.util.List;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import dev.clusteradapter.cluster.ClusterRole;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the netty-socketio server in the processes that serve clients:
 * workers and standalone.
 */
@AutoConfiguration(after = SocketIoClusterAutoConfiguration.class)
@ConditionalOnClusterRole({ ClusterRole.WORKER, ClusterRole.STANDALONE })
@EnableConfigurationProperties({ ClusterProperties.class, SocketIoServerProperties.class })
public final class SocketIoServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Configuration socketIoConfiguration(SocketIoServerProperties server, ClusterProperties cluster,
			ObjectProvider<SocketIoConfigurationCustomizer> customizers) {
		Configuration configuration = new Configuration();
		configuration.setHostname(server.getHostname());
		configuration.setPort(serverPort(server, cluster));
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
		configuration.setBossThreads(server.getBossThreads());
		configuration.setWorkerThreads(server.getWorkerThreads());
		// netty-socketio otherwise takes the session id from an "io" header or cookie: a
		// client must never choose its own session id
		configuration.setRandomSession(true);
		// a restarted cluster must bind at once, even with old connections in TIME_WAIT
		configuration.getSocketConfig().setReuseAddress(true);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(configuration));
		return configuration;
	}

	private static int serverPort(SocketIoServerProperties server, ClusterProperties cluster) {
		if (server.getPort() != null) {
			return server.getPort();
		}
		return (cluster.getRole() == ClusterRole.STANDALONE) ? cluster.getPort() : 0;
	}

	@Bean
	@ConditionalOnMissingBean
	SocketIOServer socketIoServer(Configuration configuration, ObjectProvider<SocketIoServerCustomizer> customizers) {
		SocketIOServer server = new SocketIOServer(configuration);
		List<SocketIoServerCustomizer> ordered = customizers.orderedStream().toList();
		ordered.forEach((customizer) -> customizer.customize(server));
		return server;
	}

	@Bean
	@ConditionalOnMissingBean
	SocketIoServerLifecycle socketIoServerLifecycle(SocketIOServer server) {
		return new SocketIoServerLifecycle(server);
	}

}

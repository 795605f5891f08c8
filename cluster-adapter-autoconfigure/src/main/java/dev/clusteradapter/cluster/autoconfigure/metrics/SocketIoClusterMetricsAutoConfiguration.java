package dev.clusteradapter.cluster.autoconfigure.metrics;

import dev.clusteradapter.cluster.ClusterRole;
import dev.clusteradapter.cluster.adapter.AdapterMetrics;
import dev.clusteradapter.cluster.adapter.RequestTotals;
import dev.clusteradapter.cluster.autoconfigure.ClusterProperties;
import dev.clusteradapter.cluster.autoconfigure.ConditionalOnClusterEnabled;
import dev.clusteradapter.cluster.autoconfigure.ConditionalOnClusterRole;
import dev.clusteradapter.cluster.autoconfigure.SocketIoClusterAutoConfiguration;
import dev.clusteradapter.cluster.autoconfigure.SocketIoClusterRedisAutoConfiguration;
import dev.clusteradapter.cluster.ipc.IpcMetrics;
import dev.clusteradapter.cluster.node.PrimaryNode;
import dev.clusteradapter.cluster.redis.RedisMetrics;
import dev.clusteradapter.cluster.server.SlowClientMetrics;
import dev.clusteradapter.cluster.sticky.RouterMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the cluster's Micrometer meters. Runs before the cluster's own
 * auto-configuration, which hands these metric hooks to the IPC hub, the adapter, the
 * router, the Redis transport and the Socket.IO server; the hooks count nothing until Boot
 * binds them to the registry, once every singleton exists and before the cluster starts.
 */
@AutoConfiguration(before = { SocketIoClusterAutoConfiguration.class, SocketIoClusterRedisAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClusterEnabled
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@EnableConfigurationProperties(ClusterProperties.class)
public final class SocketIoClusterMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(value = AdapterMetrics.class, ignored = RequestTotals.class)
	AdapterMeters socketIoClusterAdapterMeters() {
		return new AdapterMeters();
	}

	@Bean
	@ConditionalOnMissingBean(IpcMetrics.class)
	IpcMeters socketIoClusterIpcMeters() {
		return new IpcMeters();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.lettuce.core.RedisClient")
	@ConditionalOnProperty(prefix = "socketio.cluster", name = "transport", havingValue = "redis")
	static class RedisConfiguration {

		@Bean
		@ConditionalOnMissingBean(RedisMetrics.class)
		RedisMeters socketIoClusterRedisMeters() {
			return new RedisMeters();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClusterRole({ ClusterRole.WORKER, ClusterRole.STANDALONE })
	static class ServingConfiguration {

		@Bean
		@ConditionalOnMissingBean(SlowClientMetrics.class)
		SlowClientMeters socketIoServerSlowClientMeters() {
			return new SlowClientMeters();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClusterRole(ClusterRole.PRIMARY)
	static class PrimaryConfiguration {

		@Bean
		@ConditionalOnMissingBean(RouterMetrics.class)
		RouterMeters socketIoClusterRouterMeters() {
			return new RouterMeters();
		}

		@Bean
		@ConditionalOnMissingBean
		WorkerMeters socketIoClusterWorkerMeters(ObjectProvider<PrimaryNode> node, ClusterProperties properties) {
			return new WorkerMeters(node::getIfAvailable, properties.getWorkers());
		}

	}

}

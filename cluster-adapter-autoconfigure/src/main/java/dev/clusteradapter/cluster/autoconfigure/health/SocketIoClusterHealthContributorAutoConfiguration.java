package dev.clusteradapter.cluster.autoconfigure.health;

import java.time.Clock;

import dev.clusteradapter.cluster.ClusterRole;
import dev.clusteradapter.cluster.autoconfigure.ClusterProperties;
import dev.clusteradapter.cluster.autoconfigure.ConditionalOnClusterEnabled;
import dev.clusteradapter.cluster.autoconfigure.ConditionalOnClusterRole;
import dev.clusteradapter.cluster.autoconfigure.SocketIoClusterAutoConfiguration;
import dev.clusteradapter.cluster.autoconfigure.SocketIoClusterRedisAutoConfiguration;
import dev.clusteradapter.cluster.redis.RedisTransport;
import dev.clusteradapter.cluster.node.PrimaryNode;
import dev.clusteradapter.cluster.node.WorkerNode;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code socketIoCluster} health contributor, for the role this
 * process plays.
 */
@AutoConfiguration(after = { SocketIoClusterAutoConfiguration.class, SocketIoClusterRedisAutoConfiguration.class })
@ConditionalOnClusterEnabled
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("socketiocluster")
public final class SocketIoClusterHealthContributorAutoConfiguration {

	static final String BEAN_NAME = "socketIoClusterHealthIndicator";

	static final String REDIS_BEAN_NAME = "socketIoClusterRedisHealthIndicator";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(PrimaryNode.class)
	static class PrimaryConfiguration {

		@Bean(BEAN_NAME)
		@ConditionalOnMissingBean(name = BEAN_NAME)
		PrimaryHealthIndicator socketIoClusterHealthIndicator(PrimaryNode node, ClusterProperties properties) {
			return new PrimaryHealthIndicator(node, properties.getWorkers(), Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(WorkerNode.class)
	static class WorkerConfiguration {

		@Bean(BEAN_NAME)
		@ConditionalOnMissingBean(name = BEAN_NAME)
		WorkerHealthIndicator socketIoClusterHealthIndicator(WorkerNode node) {
			return new WorkerHealthIndicator(node);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClusterRole(ClusterRole.STANDALONE)
	static class StandaloneConfiguration {

		@Bean(BEAN_NAME)
		@ConditionalOnMissingBean(name = BEAN_NAME)
		StandaloneHealthIndicator socketIoClusterHealthIndicator() {
			return new StandaloneHealthIndicator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.lettuce.core.RedisClient")
	@ConditionalOnBean(RedisTransport.class)
	static class RedisConfiguration {

		@Bean(REDIS_BEAN_NAME)
		@ConditionalOnMissingBean(name = REDIS_BEAN_NAME)
		RedisHealthIndicator socketIoClusterRedisHealthIndicator(RedisTransport transport) {
			return new RedisHealthIndicator(transport);
		}

	}

}

package dev.clusteradapter.cluster.autoconfigure;

import java.time.Duration;

import io.lettuce.core.resource.ClientResources;

import dev.clusteradapter.cluster.ClusterRole;
import dev.clusteradapter.cluster.redis.RedisMetrics;
import dev.clusteradapter.cluster.redis.RedisTransport;
import dev.clusteradapter.cluster.redis.RedisTransportOptions;
import dev.clusteradapter.cluster.server.ServerEventLoops;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the adapter's transport over Redis: with
 * {@code socketio.cluster.transport=redis}, every process serving clients is a peer on the
 * Redis that {@code spring.data.redis.*} names, and a primary emits and asks through it. The
 * connection is Spring Boot's own: its connection details (URL, credentials, TLS, Sentinel,
 * Cluster) and Lettuce client resources. Whatever the transport, Boot's Lettuce timer starts
 * with its first task.
 */
@AutoConfiguration(before = SocketIoClusterAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClusterEnabled
@EnableConfigurationProperties(ClusterProperties.class)
public final class SocketIoClusterRedisAutoConfiguration {

	static final String MISSING_REDIS = "socketio.cluster.transport=redis needs Spring Boot's Redis support on the "
			+ "class path: add the dependency org.springframework.boot:spring-boot-starter-data-redis "
			+ "(spring-boot-data-redis with Lettuce)";

	/**
	 * Boot's Lettuce timer starts with its first task, not at once, whatever the transport: the
	 * Redis transport's client has a timer of its own, the IPC transport uses no Redis, and a
	 * started one ticks ten times a second in every process that has Lettuce on its class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.lettuce.core.RedisClient",
			"org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer" })
	static class LettuceTimerConfiguration {

		@Bean(destroyMethod = "stop")
		LazyLettuceTimer socketIoLazyLettuceTimer() {
			return new LazyLettuceTimer();
		}

		@Bean
		ClientResourcesBuilderCustomizer socketIoLazyLettuceTimerCustomizer(LazyLettuceTimer timer) {
			return (builder) -> builder.timer(timer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "socketio.cluster", name = "transport", havingValue = "redis")
	@ConditionalOnClass(name = { "io.lettuce.core.RedisClient",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails" })
	static class RedisTransportConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		RedisTransport socketIoRedisTransport(ClusterProperties properties,
				ObjectProvider<DataRedisConnectionDetails> connectionDetails, ObjectProvider<ClientResources> clientResources,
				ObjectProvider<RedisMetrics> metrics, ObjectProvider<ServerEventLoops> serverLoops, Environment environment) {
			DataRedisConnectionDetails details = connectionDetails.getIfAvailable();
			if (details == null) {
				throw new IllegalStateException(MISSING_REDIS + "; Spring Boot's Redis auto-configuration did not run");
			}
			ClusterRole role = OnClusterRoleCondition.roleOf(environment);
			ClusterProperties.Redis redis = properties.getRedis();
			// a peer's request is remembered as long as answers to it may come (acks wait up to the requests timeout)
			Duration retention = properties.getRequestsTimeout().plusSeconds(60);
			RedisTransportOptions options = new RedisTransportOptions(redis.getMode(), redis.getPrefix(),
					role != ClusterRole.PRIMARY, redis.getHeartbeatInterval(), redis.getHeartbeatTimeout(),
					retention, redis.getMaxPending().toBytes());
			RedisTransport transport = new RedisTransport(options,
					RedisClients.connect(details, clientResources.getIfAvailable(), serverLoops.getIfAvailable()),
					metrics.getIfAvailable(() -> RedisMetrics.NONE));
			transport.start();
			return transport;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "socketio.cluster", name = "transport", havingValue = "redis")
	@Conditional(RedisMissingCondition.class)
	static class MissingRedisConfiguration {

		@Bean
		Object socketIoRedisTransportUnavailable() {
			throw new IllegalStateException(MISSING_REDIS);
		}

	}

	static final class RedisMissingCondition extends AnyNestedCondition {

		RedisMissingCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnMissingClass("io.lettuce.core.RedisClient")
		static class LettuceMissing {

		}

		@ConditionalOnMissingClass("org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails")
		static class BootRedisMissing {

		}

	}

}

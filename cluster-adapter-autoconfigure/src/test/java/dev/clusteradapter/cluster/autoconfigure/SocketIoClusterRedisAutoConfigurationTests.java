package dev.clusteradapter.cluster.autoconfigure;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.adapter.ClusterAdapter;
import dev.clusteradapter.cluster.autoconfigure.health.SocketIoClusterHealthContributorAutoConfiguration;
import dev.clusteradapter.cluster.redis.RedisMode;
import dev.clusteradapter.cluster.redis.RedisServerProcess;
import dev.clusteradapter.cluster.redis.RedisTransport;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIoClusterRedisAutoConfiguration}, against a real Redis.
 */
class SocketIoClusterRedisAutoConfigurationTests {

	private static RedisServerProcess redis;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, SocketIoClusterRedisAutoConfiguration.class,
				SocketIoClusterAutoConfiguration.class, SocketIoClusterHealthContributorAutoConfiguration.class))
		.withPropertyValues("socketio.cluster.role=standalone", "socketio.cluster.port=0",
				"socketio.cluster.host=127.0.0.1");

	@BeforeAll
	static void startRedis() {
		redis = RedisServerProcess.started();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void ipcByDefaultHasNoRedisTransport() {
		this.contextRunner.withPropertyValues("spring.data.redis.url=" + redis.uri())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisTransport.class));
	}

	@Test
	void redisTransportConnectsWhereSpringDataRedisPointsAndCarriesTheAdapter() {
		this.contextRunner
			.withPropertyValues("socketio.cluster.transport=redis", "socketio.cluster.redis.mode=sharded",
					"socketio.cluster.redis.prefix=fleet", "spring.data.redis.url=" + redis.uri())
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(RedisTransport.class);
				RedisTransport transport = context.getBean(RedisTransport.class);
				assertThat(transport.options().mode()).isEqualTo(RedisMode.SHARDED);
				assertThat(transport.options().prefix()).isEqualTo("fleet");
				assertThat(transport.options().servesClients()).isTrue();
				assertThat(transport.isConnected()).isTrue();
				assertThat(context.getBean(ClusterAdapter.class).serverCount()).isZero();
				Health health = context.getBean("socketIoClusterRedisHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("mode", "sharded").containsEntry("uid", transport.uid());
			});
	}

	@Test
	void aPrimaryJoinsRedisAsAnEmitterThatServesNoClient() {
		this.contextRunner
			.withPropertyValues("socketio.cluster.role=primary", "socketio.cluster.workers=0",
					"socketio.cluster.transport=redis", "spring.data.redis.url=" + redis.uri())
			.run((context) -> assertThat(context.getBean(RedisTransport.class).options().servesClients()).isFalse());
	}

	@Test
	void redisChosenWithoutRedisOnTheClassPathFailsNamingTheDependency() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisClient.class))
			.withPropertyValues("socketio.cluster.transport=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("spring-boot-starter-data-redis"));
	}

	@Test
	void redisUnreachableAtStartFailsWithItsAddress() {
		this.contextRunner
			.withPropertyValues("socketio.cluster.transport=redis", "spring.data.redis.url=redis://127.0.0.1:1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("cannot connect to Redis at 127.0.0.1:1"));
	}

}

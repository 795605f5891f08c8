package dev.clusteradapter.cluster.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.tracing.MicrometerTracing;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.adapter.ClusterAdapter;
import dev.clusteradapter.cluster.autoconfigure.health.SocketIoClusterHealthContributorAutoConfiguration;
import dev.clusteradapter.cluster.redis.RedisMode;
import dev.clusteradapter.cluster.redis.RedisServerProcess;
import dev.clusteradapter.cluster.redis.RedisTransport;
import dev.clusteradapter.cluster.redis.RedisTransportOptions;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
		this.contextRunner.withPropertyValues("spring.data.redis.url=" + redis.uri()).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(RedisTransport.class);
			// Lettuce is on the class path, unused: its timer does not tick ten times a second
			assertThat(context.getBean(ClientResources.class).timer()).isInstanceOfSatisfying(LazyLettuceTimer.class,
					(timer) -> assertThat(timer.started()).isFalse());
		});
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
	void redisHeartbeatsAreSocketIosByDefaultAndTheirOwnProperties() {
		this.contextRunner.withPropertyValues("socketio.cluster.transport=redis", "spring.data.redis.url=" + redis.uri())
			.run((context) -> {
				RedisTransportOptions options = context.getBean(RedisTransport.class).options();
				assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(options.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
			});
		this.contextRunner
			.withPropertyValues("socketio.cluster.transport=redis", "socketio.cluster.redis.heartbeat-interval=2s",
					"socketio.cluster.redis.heartbeat-timeout=7s", "spring.data.redis.url=" + redis.uri())
			.run((context) -> {
				RedisTransportOptions options = context.getBean(RedisTransport.class).options();
				assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(options.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(7));
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


	@Test
	void theTransportsPublishesAreNotObservedOnBootsTracedResourcesWhichStayTheApplications() {
		List<String> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				observed.add(String.valueOf(context.getLowCardinalityKeyValues()));
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		this.contextRunner
			.withBean(ClientResources.class,
					() -> ClientResources.builder().tracing(new MicrometerTracing(observations, "app")).build())
			.withPropertyValues("socketio.cluster.transport=redis", "socketio.cluster.redis.prefix=untraced",
					"socketio.cluster.redis.heartbeat-interval=200ms", "spring.data.redis.url=" + redis.uri())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// two heartbeats published since the transport started: its commands went out
				long published = publishCalls();
				await().atMost(Duration.ofSeconds(10)).until(() -> publishCalls() >= published + 2);
				assertThat(observed).isEmpty();
				// the application's own commands on Boot's resources are still observed
				ClientResources resources = context.getBean(ClientResources.class);
				RedisClient application = RedisClient.create(resources, RedisURI.create(redis.uri()));
				try (StatefulRedisConnection<String, String> connection = application.connect()) {
					connection.sync().set("traced", "yes");
				}
				finally {
					application.shutdown();
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> !observed.isEmpty());
				assertThat(observed).allMatch((keyValues) -> !keyValues.contains("PUBLISH"))
					.anyMatch((keyValues) -> keyValues.contains("SET"));
				// the transport shares Boot's threads and left them running
				assertThat(resources.eventExecutorGroup().isShuttingDown()).isFalse();
			});
	}

	@Test
	void bootsLettuceTimerStartsOnlyOnceTheApplicationItselfUsesIt() {
		this.contextRunner
			.withPropertyValues("socketio.cluster.transport=redis", "socketio.cluster.redis.prefix=lazy",
					"socketio.cluster.redis.heartbeat-interval=200ms", "spring.data.redis.url=" + redis.uri())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RedisTransport.class).isConnected()).isTrue();
				long published = publishCalls();
				await().atMost(Duration.ofSeconds(10)).until(() -> publishCalls() >= published + 2);
				ClientResources resources = context.getBean(ClientResources.class);
				// the transport's connections and heartbeats left it asleep: it ticks ten times a second once started
				assertThat(resources.timer()).isInstanceOfSatisfying(LazyLettuceTimer.class,
						(timer) -> assertThat(timer.started()).isFalse());
				RedisClient application = RedisClient.create(resources, RedisURI.create(redis.uri()));
				try (StatefulRedisConnection<String, String> connection = application.connect()) {
					assertThat(connection.sync().ping()).isEqualTo("PONG");
				}
				finally {
					application.shutdown();
				}
				assertThat(((LazyLettuceTimer) resources.timer()).started()).isTrue();
			});
	}

	private static long publishCalls() {
		Matcher calls = Pattern.compile("cmdstat_publish:calls=(\\d+)").matcher(redis.cli("INFO", "commandstats"));
		return calls.find() ? Long.parseLong(calls.group(1)) : 0;
	}

}

package dev.clusteradapter.cluster.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.clusteradapter.cluster.redis.RedisConnections;
import dev.clusteradapter.cluster.redis.RedisMetrics;
import dev.clusteradapter.cluster.redis.RedisMode;
import dev.clusteradapter.cluster.redis.RedisServerProcess;
import dev.clusteradapter.cluster.redis.RedisTransport;
import dev.clusteradapter.cluster.redis.RedisTransportOptions;
import dev.clusteradapter.cluster.redis.RedisTransports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failure semantics of the adapter over a real Redis, in both modes: a peer that dies
 * without a word, Redis restarted under the fleet, garbage on the adapter's channels.
 */
class ClusterAdapterOverRedisTests {

	private final RedisServerProcess redis = RedisServerProcess.started();

	private final List<AutoCloseable> closing = new ArrayList<>();

	private final List<TestClient> clients = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		this.clients.forEach(TestClient::close);
		for (AutoCloseable closeable : this.closing) {
			closeable.close();
		}
		this.redis.close();
	}

	private ClusterNode node(RedisMode mode, RedisConnections connections, RedisMetrics metrics) {
		return node(RedisTransports.options(mode, true), connections, metrics);
	}

	private ClusterNode node(RedisTransportOptions options, RedisConnections connections, RedisMetrics metrics) {
		RedisTransport transport = RedisTransports.start(options, connections, metrics);
		ClusterNode node = ClusterNode.over(transport, true);
		this.closing.add(0, node);
		return node;
	}

	private ClusterNode node(RedisMode mode) {
		return node(mode, RedisTransports.connect(this.redis), RedisMetrics.NONE);
	}

	private TestClient client(ClusterNode node, String... events) {
		TestClient client = TestClient.connect(node, "/", events);
		this.clients.add(client);
		return client;
	}

	@ParameterizedTest
	@EnumSource(RedisMode.class)
	void aPeerThatDiesWithoutAWordIsDroppedAndPendingRequestsSettleWithTheSurvivors(RedisMode mode) throws Exception {
		ClusterNode asking = node(mode);
		ClusterNode survivor = node(mode);
		RedisConnections victimLink = RedisTransports.connect(this.redis);
		ClusterNode victim = node(mode, victimLink, RedisMetrics.NONE);
		await().until(() -> asking.cluster.serverCount() == 3);
		TestClient kept = client(survivor);
		client(victim);
		// the victim's handler never answers: only its death can settle the request early
		victim.cluster.onServerSideEmit("slow", (args, ack) -> {
		});
		survivor.cluster.onServerSideEmit("slow", (args, ack) -> ack.send("survivor"));
		var answers = asking.cluster.serverSideEmitWithAck(Duration.ofSeconds(30), "slow");
		// a kill -9: its Redis connections drop, no ADAPTER_CLOSE is sent
		victimLink.close();
		assertThat(answers.get(10, TimeUnit.SECONDS)).containsExactly("survivor");
		await().atMost(Duration.ofSeconds(5)).until(() -> asking.cluster.serverCount() == 2);
		assertThat(asking.cluster.fetchSockets().get(5, TimeUnit.SECONDS)).extracting(RemoteSocket::id)
			.containsExactly(kept.id());
	}

	@ParameterizedTest
	@EnumSource(RedisMode.class)
	void withTheDefaultsAPeerKilledMidRequestSettlesItWellBeforeTheDefaultRequestsTimeout(RedisMode mode)
			throws Exception {
		RedisTransportOptions defaults = RedisTransportOptions.defaults().withMode(mode);
		ClusterNode asking = node(defaults, RedisTransports.connect(this.redis), RedisMetrics.NONE);
		ClusterNode survivor = node(defaults, RedisTransports.connect(this.redis), RedisMetrics.NONE);
		RedisConnections victimLink = RedisTransports.connect(this.redis);
		ClusterNode victim = node(defaults, victimLink, RedisMetrics.NONE);
		await().until(() -> asking.cluster.serverCount() == 3);
		victim.cluster.onServerSideEmit("slow", (args, ack) -> {
		});
		survivor.cluster.onServerSideEmit("slow", (args, ack) -> ack.send("survivor"));
		// the requests timeout's default (socketio.cluster.requests-timeout, 5 s)
		var answers = asking.cluster.serverSideEmitWithAck(Duration.ofSeconds(5), "slow");
		long killed = System.nanoTime();
		victimLink.close();
		assertThat(answers.get(10, TimeUnit.SECONDS)).containsExactly("survivor");
		assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofMillis(2500));
	}

	@ParameterizedTest
	@EnumSource(RedisMode.class)
	void redisRestartedUnderTheFleetIsSurvivedAndMessagesFlowAgain(RedisMode mode) throws Exception {
		AtomicInteger reconnects = new AtomicInteger();
		AtomicInteger dropped = new AtomicInteger();
		RedisMetrics metrics = new RedisMetrics() {

			@Override
			public void reconnected() {
				reconnects.incrementAndGet();
			}

			@Override
			public void dropped(String type) {
				dropped.incrementAndGet();
			}

		};
		ClusterNode a = node(mode, RedisTransports.connect(this.redis), metrics);
		ClusterNode b = node(mode);
		await().until(() -> a.cluster.serverCount() == 2 && b.cluster.serverCount() == 2);
		TestClient client = client(b, "news");
		this.redis.kill();
		RedisTransport transport = (RedisTransport) a.adapter.transport();
		await().atMost(Duration.ofSeconds(10)).until(() -> !transport.isConnected());
		// while Redis is gone: local clients are served, messages to others are dropped, nothing queues
		a.cluster.emit("news", "lost");
		assertThat(dropped.get()).isPositive();
		assertThat(transport.pendingBytes()).isZero();
		this.redis.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> transport.isConnected() && reconnects.get() > 0);
		// subscriptions are restored: a broadcast and a request cross again
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			a.cluster.emit("news", "back");
			assertThat(client.received("news")).extracting((args) -> args.get(0)).contains("back");
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> a.cluster.fetchSockets().get(5, TimeUnit.SECONDS).size() == 1);
		assertThat(client.received("news")).extracting((args) -> args.get(0)).doesNotContain("lost");
	}

	@ParameterizedTest
	@EnumSource(RedisMode.class)
	void garbageOnTheAdaptersChannelsIsCountedAndDroppedAndNeverStopsASubscriber(RedisMode mode) throws Exception {
		AtomicInteger malformed = new AtomicInteger();
		RedisMetrics metrics = new RedisMetrics() {

			@Override
			public void malformed() {
				malformed.incrementAndGet();
			}

		};
		ClusterNode a = node(mode, RedisTransports.connect(this.redis), metrics);
		ClusterNode b = node(mode);
		await().until(() -> a.cluster.serverCount() == 2);
		TestClient client = client(a, "news");
		RedisClient raw = RedisClient.create(this.redis.uri());
		try (StatefulRedisConnection<byte[], byte[]> connection = raw.connect(ByteArrayCodec.INSTANCE)) {
			List<String> channels = (mode == RedisMode.SHARDED) ? List.of("socket.io#/#", "socket.io#/#" + client.id() + "#")
					: List.of("socket.io#/#", "socket.io#/#room#", "socket.io-request#/#", "socket.io-response#/#",
							"socket.io-heartbeat#");
			byte[][] garbage = { { (byte) 0xc1 }, "{not json".getBytes(), { (byte) 0xdd, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff },
					{ (byte) 0x93, (byte) 0xa1, 0x78 }, "{\"uid\":1}".getBytes(), new byte[0] };
			for (String channel : channels) {
				for (byte[] payload : garbage) {
					if (mode == RedisMode.SHARDED) {
						connection.sync().spublish(channel.getBytes(), payload);
					}
					else {
						connection.sync().publish(channel.getBytes(), payload);
					}
				}
			}
		}
		finally {
			raw.shutdown();
		}
		await().until(() -> malformed.get() >= 4);
		b.cluster.emit("news", "still here");
		await().until(() -> !client.received("news").isEmpty());
		assertThat(b.cluster.fetchSockets().get(5, TimeUnit.SECONDS)).extracting(RemoteSocket::id).containsExactly(client.id());
	}

}

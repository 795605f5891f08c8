package dev.clusteradapter.cluster.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.clusteradapter.cluster.adapter.SocketIoCluster;
import dev.clusteradapter.cluster.redis.RedisServerProcess;
import dev.clusteradapter.cluster.redis.RedisTransport;
import dev.clusteradapter.cluster.server.ClusteredSocketIOServer;
import dev.clusteradapter.cluster.server.ServerEventLoops;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.clusteradapter.cluster.autoconfigure.TwoServingNodes.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two standalone peers on a real Redis: each one's Redis transport runs on its Socket.IO
 * server's event loop, as a Node.js server runs everything on its one thread; the server may
 * stop before the transport says goodbye; the last of them to stop shuts the loop down; and a
 * handler that waits there for a cluster request fails at once instead of blocking its answers.
 */
class RedisTransportOnServerLoopsTests {

	@RegisterExtension
	static final RedisServerProcess redis = new RedisServerProcess();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, SocketIoClusterRedisAutoConfiguration.class,
				SocketIoClusterAutoConfiguration.class, SocketIoServerAutoConfiguration.class))
		.withPropertyValues("socketio.cluster.role=standalone", "socketio.cluster.port=0",
				"socketio.cluster.host=127.0.0.1", "socketio.server.hostname=127.0.0.1", "socketio.server.worker-threads=1",
				"socketio.cluster.transport=redis", "socketio.cluster.redis.prefix=loops");

	@Test
	void aPeersRedisMessagesAreReadOnItsServersEventLoopAndOnlyThere() {
		AtomicReference<ServerEventLoops> answererLoops = new AtomicReference<>();
		peers((asker, answerer) -> {
			answererLoops.set(answerer.getBean(ServerEventLoops.class));
			answerer.getBean(SocketIoCluster.class)
				.onServerSideEmit("where", (args, ack) -> ack.send(Thread.currentThread().getName()));
			List<Object> answers = ask(asker, "where");
			assertThat(answers).singleElement()
				.asString()
				.as("the server's loop, not a Lettuce thread of its own")
				.startsWith("socketio-worker-");
		});
		assertThat(answererLoops.get().inUse()).as("shut down with the peer").isFalse();
	}

	@Test
	void aServerStoppedBeforeItsTransportLeavesItTheLoopUntilTheTransportCloses() {
		peers((asker, answerer) -> {
			answerer.getBean(SocketIoCluster.class).onServerSideEmit("still", (args, ack) -> ack.send("here"));
			ServerEventLoops loops = answerer.getBean(ServerEventLoops.class);
			answerer.getBean(ClusteredSocketIOServer.class).stop();
			assertThat(loops.inUse()).as("the transport still holds it").isTrue();
			assertThat(ask(asker, "still")).containsExactly("here");
			answerer.getBean(RedisTransport.class).close();
			assertThat(loops.inUse()).isFalse();
		});
	}

	@Test
	void waitingForAClusterRequestOnTheThreadThatReadsItsAnswersFailsAtOnce() {
		peers((asker, answerer) -> {
			TwoServingNodes.assertWaitingOnTheReaderFailsAtOnce(asker, answerer);
		});
	}

	private void peers(TwoServingNodes.PairTest test) {
		this.contextRunner.withPropertyValues("spring.data.redis.url=" + redis.uri())
			.run((asker) -> this.contextRunner.withPropertyValues("spring.data.redis.url=" + redis.uri())
				.run((answerer) -> {
					assertThat(asker).hasNotFailed();
					assertThat(answerer).hasNotFailed();
					SocketIoCluster cluster = asker.getBean(SocketIoCluster.class);
					await().atMost(Duration.ofSeconds(20)).until(() -> cluster.serverCount() == 2);
					test.run(asker, answerer);
				}));
	}

}

package dev.clusteradapter.cluster.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.SocketTransport;
import dev.clusteradapter.cluster.adapter.SocketIoCluster;
import dev.clusteradapter.cluster.ipc.IpcClient;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.node.PrimaryNode;
import dev.clusteradapter.cluster.node.WorkerNode;
import dev.clusteradapter.cluster.server.ClusteredSocketIOServer;
import dev.clusteradapter.cluster.server.ServerEventLoops;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.clusteradapter.cluster.autoconfigure.TwoServingNodes.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Two workers of one primary, in this JVM: each one's link to the primary runs on its
 * Socket.IO server's event loop, so that a broadcast from another worker is read and written
 * to the clients on one thread; the server may stop before the link says goodbye; the last of
 * them to stop shuts the loop down; and a handler that waits there for a cluster request fails
 * at once instead of blocking its answers until the request times out.
 */
class IpcLinkOnServerLoopsTests {

	private static final String SECRET = IpcSecret.generate().toBase64();

	private final ApplicationContextRunner primaryRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoClusterAutoConfiguration.class))
		.withPropertyValues("socketio.cluster.port=0", "socketio.cluster.host=127.0.0.1", "socketio.cluster.workers=0",
				"socketio.cluster.ipc.secret=" + SECRET, "socketio.cluster.heartbeat-interval=100ms");

	@Test
	void aWorkersClusterMessagesAreReadOnItsServersEventLoopAndOnlyThere() {
		AtomicReference<ServerEventLoops> answererLoops = new AtomicReference<>();
		workers((asker, answerer) -> {
			answererLoops.set(answerer.getBean(ServerEventLoops.class));
			assertThat(answerer.getBean(IpcClient.class).canRunOn(answererLoops.get().transport())).isTrue();
			answerer.getBean(SocketIoCluster.class)
				.onServerSideEmit("where", (args, ack) -> ack.send(Thread.currentThread().getName()));
			assertThat(ask(asker, "where")).singleElement()
				.asString()
				.as("the server's loop, not an I/O thread of the link's own")
				.startsWith("socketio-worker-");
		});
		assertThat(answererLoops.get().inUse()).as("shut down with the worker").isFalse();
	}

	@Test
	void aServerStoppedBeforeItsLinkLeavesItTheLoopUntilTheLinkCloses() {
		workers((asker, answerer) -> {
			answerer.getBean(SocketIoCluster.class).onServerSideEmit("still", (args, ack) -> ack.send("here"));
			ServerEventLoops loops = answerer.getBean(ServerEventLoops.class);
			answerer.getBean(ClusteredSocketIOServer.class).stop();
			assertThat(loops.inUse()).as("the link still holds it").isTrue();
			assertThat(ask(asker, "still")).containsExactly("here");
			// stopped as the application stops it (a link lost otherwise ends the worker's JVM)
			answerer.getBean(WorkerNode.class).stop();
			await().atMost(Duration.ofSeconds(5)).until(() -> !loops.inUse());
		});
	}

	@Test
	void waitingForAClusterRequestOnTheThreadThatReadsItsAnswersFailsAtOnce() {
		workers((asker, answerer) -> {
			TwoServingNodes.assertWaitingOnTheReaderFailsAtOnce(asker, answerer);
		});
	}

	@Test
	void aLinkKeepsAThreadOfItsOwnWhenTheServersLoopsCannotCarryIt() {
		// NIO loops cannot register the link's Unix domain socket (epoll): the link keeps its own
		workers("socketio.server.netty-transport=nio", (asker, answerer) -> {
			assumeThat(answerer.getBean(IpcClient.class).endpoint().transport().name()).isEqualTo("UNIX");
			assertThat(answerer.getBean(ServerEventLoops.class).transport()).isEqualTo(SocketTransport.NIO);
			answerer.getBean(SocketIoCluster.class)
				.onServerSideEmit("where", (args, ack) -> ack.send(Thread.currentThread().getName()));
			assertThat(ask(asker, "where")).singleElement().asString().startsWith("ipc-client-");
		});
	}

	private void workers(TwoServingNodes.PairTest test) {
		workers("socketio.server.worker-threads=1", test);
	}

	private void workers(String property, TwoServingNodes.PairTest test) {
		this.primaryRunner.run((primary) -> {
			assertThat(primary).hasNotFailed();
			PrimaryNode node = primary.getBean(PrimaryNode.class);
			worker(node, 1, property).run((asker) -> worker(node, 2, property).run((answerer) -> {
				assertThat(asker).hasNotFailed();
				assertThat(answerer).hasNotFailed();
				SocketIoCluster cluster = asker.getBean(SocketIoCluster.class);
				await().atMost(Duration.ofSeconds(20)).until(() -> cluster.serverCount() == 2);
				test.run(asker, answerer);
			}));
		});
	}

	private static ApplicationContextRunner worker(PrimaryNode primary, int id, String property) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SocketIoClusterAutoConfiguration.class, SocketIoServerAutoConfiguration.class))
			.withPropertyValues("socketio.cluster.role=worker", "socketio.cluster.worker-id=" + id,
					"socketio.cluster.ipc.address=" + primary.endpoint(), "socketio.cluster.ipc.secret=" + SECRET,
					"socketio.cluster.heartbeat-interval=100ms", "socketio.server.port=0",
					"socketio.server.hostname=127.0.0.1", property);
	}

}

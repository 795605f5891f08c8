package dev.clusteradapter.cluster.autoconfigure;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.clusteradapter.cluster.adapter.SocketIoCluster;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of a transport on the server's event loops share, whatever the transport:
 * two serving nodes in this JVM, one asking the other through the cluster.
 */
final class TwoServingNodes {

	private TwoServingNodes() {
	}

	/**
	 * The asker's server-side emit with acks, answered by the other node.
	 * @param asker the asking node
	 * @param event the event
	 * @return the answers
	 * @throws Exception when no answer comes within 10 s
	 */
	static List<Object> ask(AssertableApplicationContext asker, String event) throws Exception {
		return asker.getBean(SocketIoCluster.class).serverSideEmitWithAck(event).get(10, TimeUnit.SECONDS);
	}

	/**
	 * A handler of the answerer that waits with {@code join()} for a cluster request, on the
	 * thread that reads the request's answers, is refused at once; the same request composed
	 * is answered.
	 * @param asker the asking node
	 * @param answerer the node whose handler waits
	 * @throws Exception when no answer comes within 10 s
	 */
	static void assertWaitingOnTheReaderFailsAtOnce(AssertableApplicationContext asker,
			AssertableApplicationContext answerer) throws Exception {
		SocketIoCluster cluster = answerer.getBean(SocketIoCluster.class);
		cluster.onServerSideEmit("blocking", (args, ack) -> {
			try {
				cluster.fetchSockets().join();
				ack.send("waited");
			}
			catch (IllegalStateException ex) {
				ack.send("refused");
			}
		});
		assertThat(ask(asker, "blocking")).containsExactly("refused");
		// composed instead, the same request is answered
		cluster.onServerSideEmit("composed",
				(args, ack) -> cluster.fetchSockets().thenAccept((sockets) -> ack.send(sockets.size())));
		assertThat(ask(asker, "composed")).containsExactly(0);
	}

	/** A test of the two nodes. */
	@FunctionalInterface
	interface PairTest {

		void run(AssertableApplicationContext asker, AssertableApplicationContext answerer) throws Exception;

	}

}

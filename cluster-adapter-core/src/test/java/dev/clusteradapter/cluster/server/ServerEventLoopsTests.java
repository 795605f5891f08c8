package dev.clusteradapter.cluster.server;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.SocketTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Event loops a server shares with other connections of its process (the Redis transport's):
 * made by the first user, kept while any user holds them, shut down by the last.
 */
class ServerEventLoopsTests {

	@Test
	void theLastReleaseShutsTheLoopsDownAndTheNextAcquireMakesNewOnes() throws Exception {
		ServerEventLoops loops = new ServerEventLoops(SocketTransport.NIO, 1);
		assertThat(loops.inUse()).isFalse();
		EventLoopGroup first = loops.acquire();
		EventLoop one = loops.acquireOne();
		assertThat(first.next()).isSameAs(one);
		assertThat(loops.release().isDone()).as("another user holds them").isTrue();
		assertThat(one.isShuttingDown()).isFalse();
		assertThat(one.submit(() -> "served").get(5, TimeUnit.SECONDS)).isEqualTo("served");
		assertThat(loops.release().await(10, TimeUnit.SECONDS)).as("the last release: terminated").isTrue();
		assertThat(first.isTerminated()).isTrue();
		assertThat(loops.inUse()).isFalse();
		assertThat(loops.release().isSuccess()).as("a release too many does nothing").isTrue();
		EventLoopGroup second = loops.acquire();
		try {
			assertThat(second).isNotSameAs(first);
			assertThat(second.submit(() -> "again").get(5, TimeUnit.SECONDS)).isEqualTo("again");
		}
		finally {
			loops.release().await(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void aServerServesOnTheSharedLoopsAndItsStopClosesItsClientsButLeavesTheLoopsToTheirOtherUser()
			throws Exception {
		assumeFalse(ProbeServer.UPSTREAM, "the starter's server only");
		ServerEventLoops loops = new ServerEventLoops(SocketTransport.AUTO, 1);
		// the other user (the Redis transport) takes them first, as it connects before the server starts
		EventLoop other = loops.acquireOne();
		Thread loopThread = other.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
		ProbeServer server = ProbeServer.start((configuration) -> configuration.setWorkerThreads(1), (clustered) -> {
			clustered.setEventLoops(loops);
			clustered.addEventListener("thread", Object.class,
					(client, data, ack) -> ack.sendAckData(Thread.currentThread().getName()));
		});
		try (JavaClient client = JavaClient.connect(server.url(), ClientTransports.WEBSOCKET)) {
			assertThat(client.emitWithAck("thread", "")).isEqualTo(loopThread.getName());
			server.close();
			assertThat(client.awaitDisconnect()).isNotEmpty();
			assertThat(other.isShuttingDown()).as("still the other user's").isFalse();
			assertThat(other.submit(() -> "served").get(5, TimeUnit.SECONDS)).isEqualTo("served");
		}
		finally {
			server.close();
		}
		assertThat(loops.release().await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(other.isTerminated()).isTrue();
		// the loop completes its termination on its own thread, which then returns
		loopThread.join(TimeUnit.SECONDS.toMillis(5));
		assertThat(loopThread.isAlive()).isFalse();
	}

	@Test
	void aServerStartedBeforeTheOtherUserAndStoppedAfterItShutsTheLoopsDown() throws Exception {
		assumeFalse(ProbeServer.UPSTREAM, "the starter's server only");
		ServerEventLoops loops = new ServerEventLoops(SocketTransport.AUTO, 1);
		ProbeServer server = ProbeServer.start((configuration) -> configuration.setWorkerThreads(1),
				(clustered) -> clustered.setEventLoops(loops));
		EventLoop other = loops.acquireOne();
		loops.release();
		try (JavaClient client = JavaClient.connect(server.url(), ClientTransports.WEBSOCKET)) {
			assertThat(client.emitWithAck("echo", "served")).isEqualTo("served");
		}
		server.close();
		assertThat(other.terminationFuture().await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(loops.inUse()).isFalse();
	}

	@Test
	void aServerOfAnotherTransportOrNumberOfLoopsMakesLoopsOfItsOwn() {
		assumeFalse(ProbeServer.UPSTREAM, "the starter's server only");
		assumeTrue(Epoll.isAvailable(), "epoll loops beside a NIO server");
		ServerEventLoops epoll = new ServerEventLoops(SocketTransport.EPOLL, 1);
		ServerEventLoops four = new ServerEventLoops(SocketTransport.NIO, 4);
		for (ServerEventLoops loops : List.of(epoll, four)) {
			try (ProbeServer server = ProbeServer.start((configuration) -> configuration.setWorkerThreads(1),
					(clustered) -> {
						clustered.setTransport(SocketTransport.NIO);
						clustered.setEventLoops(loops);
					});
					JavaClient client = JavaClient.connect(server.url(), ClientTransports.WEBSOCKET)) {
				assertThat(client.emitWithAck("echo", "own")).isEqualTo("own");
				assertThat(loops.inUse()).isFalse();
			}
		}
	}

}

package dev.clusteradapter.cluster.server;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.StandaloneBus;
import dev.clusteradapter.cluster.adapter.ClusterAdapter;
import dev.clusteradapter.cluster.adapter.ClusterStoreFactory;
import dev.clusteradapter.cluster.adapter.SocketIoCluster;
import dev.clusteradapter.cluster.socketio.EngineIoSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops reading cannot hold a worker's memory: past the outbound limit it is
 * disconnected (a volatile event is dropped for it instead), counted and logged once, while
 * the clients that read receive everything; and when its session times out, its connection
 * is closed and what was queued for it freed.
 */
class OutboundLimitTests {

	private static final int LIMIT = 256 * 1024;

	private static final int MESSAGE = 16 * 1024;

	/**
	 * One message as it waits: its pooled buffer's size class (a quarter more at most), the
	 * frame's header and Netty's bookkeeping.
	 */
	private static final int ONE_MESSAGE_HELD = MESSAGE * 5 / 4 + 1024;

	private static final String PAYLOAD = "x".repeat(MESSAGE);

	private final List<SlowClientReason> slowClients = new CopyOnWriteArrayList<>();

	@Test
	void webSocketClientThatStopsReadingIsDisconnectedPastTheLimitWhileAReadingClientGetsEverything() {
		try (ProbeServer server = ProbeServer.start((configuration) -> {
		}, this::limited);
				RawWebSocket stalled = RawWebSocket.connectStalled(server.port(), 4096);
				JavaClient reader = JavaClient.connect(server.url(), ClientTransports.WEBSOCKET)) {
			AtomicInteger received = new AtomicInteger();
			reader.socket().on("flood", (args) -> received.incrementAndGet());
			UUID sid = UUID.fromString(stalled.sid());
			AtomicLong backlog = new AtomicLong();
			int sent;
			try (Flood flood = new Flood(server, backlog)) {
				sent = flood.until(() -> server.server().getClient(sid) == null);
			}
			assertThat(server.server().getClient(sid)).as("the stalled client disconnected").isNull();
			assertThat(backlog.get()).as("most bytes waiting for one connection")
				.isLessThanOrEqualTo(LIMIT + ONE_MESSAGE_HELD);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received.get()).isEqualTo(sent));
			assertThat(reader.socket().connected()).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> connections(server).maxPendingWriteBytes() == 0);
			assertThat(this.slowClients).containsExactly(SlowClientReason.OUTBOUND_LIMIT);
			stalled.resumeReading();
			await().atMost(Duration.ofSeconds(10)).until(stalled::hasEnded);
		}
	}

	@Test
	void pollingClientThatStopsPollingIsDisconnectedPastTheLimit() {
		try (ProbeServer server = ProbeServer.start((configuration) -> {
		}, this::limited)) {
			String sid = RawHttp.openPollingSession(server.port());
			NamespaceClient client = (NamespaceClient) server.server().getClient(UUID.fromString(sid));
			Queue<Packet> queue = client.getBaseClient().getPacketsQueue(Transport.POLLING);
			AtomicLong backlog = new AtomicLong();
			try (Flood flood = new Flood(server,
					() -> backlog.accumulateAndGet((long) queue.size() * MESSAGE, Math::max))) {
				flood.until(() -> !client.getBaseClient().isConnected());
			}
			assertThat(client.getBaseClient().isConnected()).as("the client that stopped polling disconnected").isFalse();
			assertThat(backlog.get()).as("most bytes queued for it").isLessThanOrEqualTo(LIMIT + MESSAGE);
			assertThat(queue).as("its queue freed").isEmpty();
			assertThat(this.slowClients).containsExactly(SlowClientReason.OUTBOUND_LIMIT);
			assertThat(RawHttp.poll(server.port(), sid).body()).contains("Session ID unknown");
			server.assertServesEveryTransport();
		}
	}

	@Test
	void pingTimeoutClosesTheConnectionOfAClientThatStoppedReadingAndFreesItsQueue() {
		try (ProbeServer server = ProbeServer.start((configuration) -> {
			configuration.setPingInterval(500);
			configuration.setPingTimeout(500);
		}, (clustered) -> {
			clustered.setMaxOutboundBuffer(64 * 1024 * 1024);
			clustered.setSlowClientMetrics(this.slowClients::add);
		}); RawWebSocket stalled = RawWebSocket.connectStalled(server.port(), 4096)) {
			// more than the socket buffers take, less than the limit
			for (int i = 0; i < 200; i++) {
				server.server().getBroadcastOperations().sendEvent("flood", PAYLOAD);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> connections(server).maxPendingWriteBytes() > 0);
			await().atMost(Duration.ofSeconds(20)).until(() -> connections(server).maxPendingWriteBytes() == 0);
			assertThat(connections(server).open()).as("connections left open").isZero();
			assertThat(this.slowClients).containsExactly(SlowClientReason.CLOSE_TIMEOUT);
		}
	}

	@Test
	void volatileEventsAreDroppedForAClientThatStoppedReadingWhichStaysConnected() throws Exception {
		ClusterAdapter adapter = new ClusterAdapter(new StandaloneBus());
		SocketIoCluster cluster = new SocketIoCluster(adapter);
		try (ProbeServer server = ProbeServer.start(
				(configuration) -> configuration.setStoreFactory(new ClusterStoreFactory(adapter)), this::limited);
				RawWebSocket stalled = RawWebSocket.connectStalled(server.port(), 4096)) {
			UUID sid = UUID.fromString(stalled.sid());
			Channel channel = EngineIoSession.of(server.server().getClient(sid)).connections().get(0);
			// the kernel's buffers full first (a few MB on loopback), with events that are not volatile
			for (int i = 0; i < 1000 && pendingWriteBytes(channel) == 0; i++) {
				server.server().getClient(sid).sendEvent("fill", PAYLOAD);
			}
			assertThat(pendingWriteBytes(channel)).isBetween(1L, (long) LIMIT);
			// its event loop held while events come: each is volatile, and finds the client
			// writable when emitted; what counts is whether it still is when written
			CountDownLatch emitted = new CountDownLatch(1);
			channel.eventLoop().execute(() -> awaitQuietly(emitted));
			for (int i = 0; i < 100; i++) {
				cluster.asVolatile().emit("tick", PAYLOAD);
			}
			emitted.countDown();
			AtomicLong backlog = new AtomicLong();
			for (int i = 0; i < 300; i++) {
				cluster.asVolatile().emit("tick", PAYLOAD);
				backlog.accumulateAndGet(pendingWriteBytes(channel), Math::max);
			}
			assertThat(server.server().getClient(sid)).as("the stalled client still connected").isNotNull();
			assertThat(backlog.get()).isLessThanOrEqualTo(LIMIT);
			assertThat(this.slowClients).isEmpty();
		}
		finally {
			adapter.close();
		}
	}

	@Test
	void messageLargerThanTheLimitReachesAClientThatReads() {
		try (ProbeServer server = ProbeServer.start((configuration) -> {
		}, this::limited); JavaClient reader = JavaClient.connect(server.url(), ClientTransports.WEBSOCKET)) {
			List<Object> received = new CopyOnWriteArrayList<>();
			reader.socket().on("large", (args) -> received.add(args[0]));
			server.server().getBroadcastOperations().sendEvent("large", "y".repeat(4 * LIMIT));
			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
			assertThat(received.get(0)).asString().hasSize(4 * LIMIT);
			assertThat(reader.emitWithAck("echo", "after")).isEqualTo("after");
			assertThat(this.slowClients).isEmpty();
		}
	}

	private void limited(ClusteredSocketIOServer server) {
		server.setMaxOutboundBuffer(LIMIT);
		server.setSlowClientMetrics(this.slowClients::add);
	}

	/** Bytes waiting in a connection's write buffer, once its event loop wrote what came before. */
	private static long pendingWriteBytes(Channel channel) throws Exception {
		return channel.eventLoop().submit(() -> {
			ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
			return (buffer != null) ? buffer.totalPendingWriteBytes() : 0L;
		}).get(10, TimeUnit.SECONDS);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static ClientConnections connections(ProbeServer server) {
		return ((ClusteredSocketIOServer) server.server()).connections();
	}

	/**
	 * Broadcasts of {@link #MESSAGE} bytes every 2 ms (8 MB/s, well within what a client
	 * that reads on loopback takes), each followed by a sample of what waits, until stopped.
	 */
	private static final class Flood implements AutoCloseable {

		private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

		private final AtomicInteger sent = new AtomicInteger();

		Flood(ProbeServer server, Runnable sample) {
			this.executor.scheduleAtFixedRate(() -> {
				server.server().getBroadcastOperations().sendEvent("flood", PAYLOAD);
				this.sent.incrementAndGet();
				sample.run();
			}, 0, 2, TimeUnit.MILLISECONDS);
		}

		Flood(ProbeServer server, AtomicLong backlog) {
			this(server, () -> backlog.accumulateAndGet(connections(server).maxPendingWriteBytes(), Math::max));
		}

		/** Goes on until the condition holds, and then for a hundred more broadcasts. */
		int until(BooleanSupplier condition) {
			await().atMost(Duration.ofSeconds(20)).until(condition::getAsBoolean);
			int then = this.sent.get();
			await().atMost(Duration.ofSeconds(20)).until(() -> this.sent.get() >= then + 100);
			close();
			return this.sent.get();
		}

		@Override
		public void close() {
			this.executor.shutdownNow();
			try {
				this.executor.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}

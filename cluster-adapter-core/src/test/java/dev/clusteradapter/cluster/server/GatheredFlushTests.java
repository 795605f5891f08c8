package dev.clusteradapter.cluster.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.corundumstudio.socketio.SocketIOClient;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.adapter.SocketIoCluster;
import dev.clusteradapter.cluster.socketio.EngineIoSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Broadcasts queued together on a WebSocket client's event loop (as under load) are offered
 * to its socket in one flush, one system call however many they are, and they go through
 * the handlers that guard the socket (the outbound limit) on the way, keeping the closing
 * handshake's rule: no data frame after a Close frame.
 */
class GatheredFlushTests extends TwoIpcWorkersTests {

	private static final int BROADCASTS = 20;

	private JavaClient client;

	@AfterEach
	void closeClient() {
		if (this.client != null) {
			this.client.close();
		}
	}

	@Test
	void broadcastsQueuedTogetherReachTheSocketInOneFlush() {
		List<Integer> received = new CopyOnWriteArrayList<>();
		this.client = JavaClient.connect(this.w1.url("/"), ClientTransports.WEBSOCKET);
		this.client.socket().on("seq", (args) -> received.add((Integer) args[0]));
		await().atMost(SETTLED).until(() -> this.w1.server.getAllClients().size() == 1);
		SocketIOClient recipient = this.w1.server.getAllClients().iterator().next();
		Channel channel = EngineIoSession.of(recipient).connections().get(0);
		AtomicInteger flushes = new AtomicInteger();
		List<Object> written = new CopyOnWriteArrayList<>();
		// at the socket's end of the pipeline: what reaches the socket, and how many flushes
		// offer it writes (a flush that finds none makes no system call)
		channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {

			private int unflushed;

			@Override
			public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
				written.add(msg);
				this.unflushed++;
				ctx.write(msg, promise);
			}

			@Override
			public void flush(ChannelHandlerContext ctx) {
				if (this.unflushed > 0) {
					flushes.incrementAndGet();
					this.unflushed = 0;
				}
				ctx.flush();
			}

		});
		SocketIoCluster cluster = new SocketIoCluster(this.w1.adapter);
		// the broadcasts wait on the client's event loop together, as under load: the loop is
		// held until all of them are queued
		CountDownLatch queued = new CountDownLatch(1);
		channel.eventLoop().execute(() -> awaitQuietly(queued));
		for (int i = 0; i < BROADCASTS; i++) {
			int seq = i;
			channel.eventLoop().execute(() -> cluster.emit("seq", seq));
		}
		queued.countDown();
		List<Integer> expected = new ArrayList<>();
		for (int i = 0; i < BROADCASTS; i++) {
			expected.add(i);
		}
		await().atMost(SETTLED).until(() -> received.size() == BROADCASTS);
		assertThat(received).containsExactlyElementsOf(expected);
		assertThat(written).hasSize(BROADCASTS).allMatch(ByteBuf.class::isInstance);
		assertThat(flushes).hasValue(1);
		// frame objects enter past the HTTP handlers, ahead of the closing handshake
		List<String> names = channel.pipeline().names();
		assertThat(names.indexOf(WebSocketFrameWrites.NAME)).isEqualTo(names.indexOf(WebSocketUpgradeSetup.CLOSING_HANDSHAKE) + 1);
		// a write from the channel meets the encoder first
		assertThat(names.get(names.size() - 2)).isEqualTo(ClusterChannelInitializer.ENGINE_IO_V4_ENCODER);
		// only a POST needs it
		assertThat(names).doesNotContain(ClusterChannelInitializer.POLLING_POST_ORDER);
	}

	@Test
	void noBroadcastFrameFollowsTheServersClose() throws Exception {
		this.client = JavaClient.connect(this.w1.url("/"), ClientTransports.WEBSOCKET);
		await().atMost(SETTLED).until(() -> this.w1.server.getAllClients().size() == 1);
		SocketIOClient recipient = this.w1.server.getAllClients().iterator().next();
		Channel channel = EngineIoSession.of(recipient).connections().get(0);
		List<Integer> opcodes = new CopyOnWriteArrayList<>();
		// at the socket's end of the pipeline: the first byte of every frame offered to it
		channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {

			@Override
			public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
				if (msg instanceof ByteBuf buf && buf.isReadable()) {
					opcodes.add((int) buf.getUnsignedByte(buf.readerIndex()));
				}
				ctx.write(msg, promise);
			}

		});
		SocketIoCluster cluster = new SocketIoCluster(this.w1.adapter);
		// the server's Close frame goes first, then a broadcast reaches the client, still
		// connected as far as netty-socketio knows, on the same turn of its event loop: the
		// encoded frames that pass the closing handshake by must keep its rule
		channel.eventLoop().submit(() -> {
			channel.writeAndFlush(new CloseWebSocketFrame(1001, "going away"));
			cluster.emit("seq", 1);
		}).get(10, TimeUnit.SECONDS);
		channel.eventLoop().submit(() -> { }).get(10, TimeUnit.SECONDS);
		// a Close frame (FIN and opcode 8), and no text frame (FIN and opcode 1) after it
		assertThat(opcodes).isNotEmpty();
		assertThat(opcodes.get(0)).isEqualTo(0x88);
		assertThat(opcodes).doesNotContain(0x81);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

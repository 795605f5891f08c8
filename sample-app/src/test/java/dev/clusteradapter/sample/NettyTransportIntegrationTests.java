package dev.clusteradapter.sample;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.uring.IoUring;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.Transport;
import org.json.JSONObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.clusteradapter.cluster.SocketTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Workers on each Netty transport ({@code socketio.server.netty-transport}: auto, which is
 * epoll here, io-uring where the kernel allows it, and nio, to which the primary relays since
 * it cannot adopt a handed-over connection) serve the official Java client over polling,
 * WebSocket, and polling upgraded to WebSocket, through the primary's public port.
 */
class NettyTransportIntegrationTests {

	@ParameterizedTest
	@ValueSource(strings = { "auto", "io-uring", "nio" })
	void connectionsThroughThePrimaryAreServedOverEveryClientTransport(String transport) throws Exception {
		SocketTransport configured = SocketTransport.valueOf(transport.toUpperCase(Locale.ROOT).replace('-', '_'));
		assumeTrue(configured != SocketTransport.IO_URING || IoUring.isAvailable(), "io_uring is unavailable here");
		try (SampleCluster cluster = SampleCluster.start("transport-" + transport,
				"--socketio.server.netty-transport=" + transport).awaitServing(2)) {
			assertThat(cluster.output()).anyMatch((line) -> line.contains("sticky mode handover"));
			assertThat(cluster.output().stream()
				.filter((line) -> line.startsWith("[worker-") && line.contains("Socket.IO server transport: ")))
				.hasSize(2)
				.allMatch((line) -> line.endsWith("Socket.IO server transport: " + configured.describe()));
			for (String[] client : new String[][] { { "polling", "false", "polling" },
					{ "websocket", "false", "websocket" }, { "polling,websocket", "true", "websocket" } }) {
				echoes(cluster, client[0].split(","), Boolean.parseBoolean(client[1]), client[2]);
			}
		}
	}

	private static void echoes(SampleCluster cluster, String[] transports, boolean upgrade, String settled)
			throws Exception {
		IO.Options options = IO.Options.builder()
			.setTransports(transports)
			.setUpgrade(upgrade)
			.setReconnection(false)
			.setForceNew(true)
			.build();
		Socket socket = IO.socket(URI.create(cluster.socketUrl()), options);
		AtomicReference<String> current = new AtomicReference<>();
		socket.io().on(Manager.EVENT_TRANSPORT, (args) -> current.set(((Transport) args[0]).name));
		CompletableFuture<Void> connected = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(null));
		socket.connect();
		try {
			connected.get(20, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(20)).until(() -> settled.equals(current.get()));
			byte[] payload = new byte[256 * 1024];
			for (int i = 0; i < payload.length; i++) {
				payload[i] = (byte) (i * 31);
			}
			String what = String.join(",", transports);
			assertThat(call(socket, "echo", payload)).as(what).isInstanceOf(byte[].class).isEqualTo(payload);
			assertThat(call(socket, "echo", "text")).as(what).isEqualTo("text");
			assertThat(((JSONObject) call(socket, "whoami")).getString("worker")).as(what).isNotEmpty();
		}
		finally {
			socket.close();
		}
	}

	private static Object call(Socket socket, String event, Object... args) throws Exception {
		CompletableFuture<Object[]> answer = new CompletableFuture<>();
		Object[] withAck = Arrays.copyOf(args, args.length + 1);
		withAck[args.length] = (Ack) answer::complete;
		socket.emit(event, withAck);
		Object[] reply = answer.get(30, TimeUnit.SECONDS);
		return (reply.length > 0) ? reply[0] : null;
	}

}

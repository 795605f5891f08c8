package dev.clusteradapter.cluster.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.protocol.Packet;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.clusteradapter.cluster.SocketTransport;
import dev.clusteradapter.cluster.socketio.EngineIoSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The server's lifecycle (start on a free or a taken port, restart, stop), its
 * adoption of connections accepted elsewhere, and its cluster-aware namespaces.
 */
class ClusteredSocketIOServerTests {

	@ParameterizedTest
	@EnumSource(value = SocketTransport.class, names = "AUTO", mode = EnumSource.Mode.EXCLUDE)
	void portZeroListensOnAFreePortThatClientsReach(SocketTransport transport) {
		try (ProbeServer server = startOn(transport);
				JavaClient client = JavaClient.connect(server.url(), ClientTransports.WEBSOCKET)) {
			assertThat(server.port()).isPositive();
			assertThat(client.emitWithAck("echo", "hello")).isEqualTo("hello");
		}
	}

	@Test
	void startFailsClearlyWhenThePortIsTaken() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Configuration configuration = ClusteredSocketIOServer.newConfiguration();
			configuration.setHostname("127.0.0.1");
			configuration.setPort(taken.getLocalPort());
			ClusteredSocketIOServer server = new ClusteredSocketIOServer(configuration);
			assertThatIllegalStateException().isThrownBy(server::start)
				.withMessageContaining("127.0.0.1:" + taken.getLocalPort())
				.withMessageContaining("in use");
			assertThatIllegalStateException().isThrownBy(server::getPort);
			server.stop();
		}
	}

	@Test
	void restartedServerBindsAtOnceWhileOldConnectionsLinger() {
		int port;
		try (ProbeServer first = ProbeServer.start()) {
			port = first.port();
			// the server closes each polling connection first: its side stays in TIME_WAIT
			RawHttp.Response handshake = RawHttp.exchange(port,
					"GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
			assertThat(handshake.closedByServer()).isTrue();
		}
		try (ProbeServer second = ProbeServer.start(port, true);
				JavaClient client = JavaClient.connect(second.url(), ClientTransports.POLLING)) {
			assertThat(client.emitWithAck("echo", "again")).isEqualTo("again");
		}
	}

	/**
	 * A polling client between two polls when the server stops takes its goodbye with its
	 * next poll: the port stays open for it (a second at most) instead of closing under it,
	 * which the client saw as a transport error (the next test, over polling, failed so now
	 * and then in a full build); a handshake meanwhile is refused.
	 */
	@Test
	void stopWaitsForAPollingClientBetweenTwoPollsToTakeItsGoodbye() throws Exception {
		ProbeServer server = ProbeServer.start();
		String sid = RawHttp.openPollingSession(server.port());
		assertThat(RawHttp.poll(server.port(), sid).body()).startsWith("40{");
		Queue<Packet> queue = EngineIoSession.of(server.server().getClient(UUID.fromString(sid))).queue(Transport.POLLING);
		CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);
		// the stop has begun: the goodbye waits for a poll that no connection carries yet
		await().atMost(Duration.ofSeconds(5)).until(() -> !queue.isEmpty());
		RawHttp.Response handshake = RawHttp.exchange(server.port(),
				"GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
		assertThat(handshake.head()).as("no new session on a stopping server").startsWith("HTTP/1.1 503");
		assertThat(RawHttp.poll(server.port(), sid).body()).isEqualTo("1");
		stopped.get(10, TimeUnit.SECONDS);
	}

	@ParameterizedTest
	@EnumSource(ClientTransports.class)
	void stopClosesClientTransportsAndReleasesThePort(ClientTransports transports) throws IOException {
		ProbeServer server = ProbeServer.start();
		try (JavaClient java = JavaClient.connect(server.url(), transports);
				NodeClient js = NodeClient.run("listen.js", server.url(), transports.transports(),
						String.valueOf(transports.upgrade()))) {
			EngineIoV4DecoderTests.awaitSettled(server, java, transports);
			js.awaitOne("connected");
			server.close();
			// OkHttp reports a WebSocket closed without a close frame as an error
			assertThat(java.awaitDisconnect()).containsExactly(
					(transports.settled() == Transport.POLLING) ? "transport close" : "transport error");
			assertThat(js.awaitOne("disconnected").path("reason").asText()).isEqualTo("transport close");
		}
		try (ServerSocket rebound = new ServerSocket(server.port(), 50, InetAddress.getLoopbackAddress())) {
			assertThat(rebound.getLocalPort()).isEqualTo(server.port());
		}
		assertThatIllegalStateException().isThrownBy(((ClusteredSocketIOServer) server.server())::getPort);
		server.server().stop();
	}

	/** Each client transport on each native server transport that can adopt a connection. */
	static Stream<Arguments> adoptions() {
		return Stream.of(SocketTransport.IO_URING, SocketTransport.EPOLL)
			.flatMap((server) -> Stream.of(ClientTransports.values()).map((client) -> Arguments.of(server, client)));
	}

	private static ProbeServer startOn(SocketTransport transport) {
		assumeTrue(transport != SocketTransport.IO_URING || IoUring.isAvailable(), "io_uring is unavailable here");
		ProbeServer server = ProbeServer.start((configuration) -> {
		}, (clustered) -> clustered.setTransport(transport));
		assertThat(cluster(server).getTransport()).isEqualTo(transport);
		return server;
	}

	@ParameterizedTest
	@MethodSource("adoptions")
	void adoptedConnectionsServeTheJavaScriptClient(SocketTransport transport, ClientTransports transports) {
		try (ProbeServer server = startOn(transport); HandoverFront front = new HandoverFront(cluster(server));
				NodeClient client = NodeClient.run("echo.js", front.url(), transports.transports(),
						String.valueOf(transports.upgrade()), "json", "bin:1", "bin:65536")) {
			List<JsonNode> echoes = client.awaitEvents("echo", 3, Duration.ofSeconds(60));
			assertThat(echoes).allSatisfy((echo) -> {
				assertThat(echo.path("equal").asBoolean()).as(echo.toString()).isTrue();
				assertThat(echo.path("transport").asText()).isEqualTo(transports.settledName());
			});
			assertThat(front.handedOver()).isPositive();
		}
	}

	@ParameterizedTest
	@MethodSource("adoptions")
	void adoptedConnectionsServeTheJavaClient(SocketTransport transport, ClientTransports transports) {
		try (ProbeServer server = startOn(transport); HandoverFront front = new HandoverFront(cluster(server));
				JavaClient client = JavaClient.connect(front.url(), transports)) {
			EngineIoV4DecoderTests.awaitSettled(server, client, transports);
			byte[] payload = ProbeServer.pattern(65536);
			assertThat(client.emitWithAck("echo", payload)).isEqualTo(payload);
			assertThat(client.emitWithAck("echo", "text")).isEqualTo("text");
			assertThat(front.handedOver()).isPositive();
		}
	}

	@Test
	void adoptRejectsARegisteredChannelANioServerAndAStoppedServer() {
		try (ProbeServer server = ProbeServer.start(); HandoverFront front = new HandoverFront(cluster(server))) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> cluster(server).adopt(front.listening(), Unpooled.buffer()));
		}
		try (ProbeServer nio = startOn(SocketTransport.NIO)) {
			ByteBuf alreadyRead = Unpooled.copiedBuffer("GET", StandardCharsets.US_ASCII);
			assertThatExceptionOfType(UnsupportedOperationException.class)
				.isThrownBy(() -> cluster(nio).adopt(Integer.MAX_VALUE, alreadyRead));
			assertThat(alreadyRead.refCnt()).isZero();
		}
		ClusteredSocketIOServer stopped = new ClusteredSocketIOServer(ClusteredSocketIOServer.newConfiguration());
		EpollSocketChannel unconnected = new EpollSocketChannel();
		try {
			assertThatIllegalStateException().isThrownBy(() -> stopped.adopt(unconnected, Unpooled.buffer()));
		}
		finally {
			unconnected.unsafe().closeForcibly();
		}
	}

	private static ClusteredSocketIOServer cluster(ProbeServer server) {
		return (ClusteredSocketIOServer) server.server();
	}

	@Test
	void withAClusterItsNamespacesAreClusterAwareViewsMadeOnce() {
		try (IpcWorkers cluster = new IpcWorkers(Duration.ofSeconds(5))) {
			ClusteredSocketIOServer server = cluster.start().server;
			SocketIONamespace chat = server.getNamespace("/chat");
			assertThat(chat).isInstanceOf(ClusteredSocketIONamespace.class).isSameAs(server.getNamespace("/chat"));
			assertThat(server.getAllNamespaces()).extracting(SocketIONamespace::getName).containsExactlyInAnyOrder("", "/chat");
			assertThat(server.getAllNamespaces()).allMatch(ClusteredSocketIONamespace.class::isInstance).contains(chat);
			assertThat(server.addNamespace("/news")).isSameAs(server.getNamespace("/news"));
			assertThat(server.getBroadcastOperations()).isInstanceOf(ClusteredBroadcastOperations.class);
			assertThat(server.getRoomOperations("r")).isInstanceOf(ClusteredBroadcastOperations.class);
			server.removeNamespace("/news");
			assertThat(server.getNamespace("/news")).isNull();
		}
	}

	@Test
	void withoutAClusterItsNamespacesAreNettySocketIosOwn() {
		ClusteredSocketIOServer server = new ClusteredSocketIOServer(ClusteredSocketIOServer.newConfiguration());
		assertThat(server.getNamespace("")).isInstanceOf(Namespace.class);
		assertThat(server.getAllNamespaces()).allMatch(Namespace.class::isInstance);
		assertThat(server.getBroadcastOperations()).isNotInstanceOf(ClusteredBroadcastOperations.class);
	}

}

package dev.clusteradapter.cluster.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.ack.AckManager;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.ClientsBox;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.scheduler.HashedWheelTimeoutScheduler;
import com.corundumstudio.socketio.store.MemoryStoreFactory;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Socket.IO v4 clients send reaches the server intact: JSON and binary arguments of
 * events and of acks, over each transport, from the JavaScript and the Java client. The
 * server under test acks {@code echo} with its payload, so binary also checks the way back.
 */
class EngineIoV4DecoderTests {

	private static final int[] SIZES = { 1, 64 * 1024, 900_000 };

	private static final ObjectMapper mapper = new ObjectMapper();

	private static ProbeServer server;

	@BeforeAll
	static void startServer() {
		server = ProbeServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@ParameterizedTest
	@EnumSource(ClientTransports.class)
	void javaScriptClientGetsItsJsonAndBinaryEchoedUnchanged(ClientTransports transports) {
		try (NodeClient client = NodeClient.run("echo.js", server.url(), transports.transports(),
				String.valueOf(transports.upgrade()), "json", "bin:1", "bin:65536", "bin:900000")) {
			List<JsonNode> echoes = client.awaitEvents("echo", 4, Duration.ofSeconds(60));
			assertThat(echoes).allSatisfy((echo) -> {
				assertThat(echo.path("error").isMissingNode()).as(echo.toString()).isTrue();
				assertThat(echo.path("equal").asBoolean()).as(echo.toString()).isTrue();
				assertThat(echo.path("transport").asText()).as(echo.toString()).isEqualTo(transports.settledName());
			});
			assertThat(echoes.subList(1, 4)).allSatisfy((echo) -> assertThat(echo.path("binary").asBoolean()).isTrue());
		}
	}

	@ParameterizedTest
	@EnumSource(ClientTransports.class)
	void javaClientGetsItsJsonAndBinaryEchoedUnchanged(ClientTransports transports) throws Exception {
		try (JavaClient client = JavaClient.connect(server.url(), transports)) {
			awaitSettled(server, client, transports);
			JSONObject json = new JSONObject("{\"text\":\"h\u00e9llo \u2603\",\"list\":[1,2.5,true,null],\"nested\":{\"a\":\"b\"}}");
			Object reply = client.emitWithAck("echo", json);
			assertThat(mapper.readTree(String.valueOf(reply))).isEqualTo(mapper.readTree(json.toString()));
			for (int size : SIZES) {
				byte[] payload = ProbeServer.pattern(size);
				assertThat(client.emitWithAck("echo", payload)).as("echo of %d bytes", size)
					.isInstanceOf(byte[].class)
					.isEqualTo(payload);
			}
			assertThat(server.server().getClient(client.id()).getTransport()).isEqualTo(transports.settled());
		}
	}

	@ParameterizedTest
	@EnumSource(ClientTransports.class)
	void javaScriptClientAcksServerEmitWithBinary(ClientTransports transports) throws Exception {
		try (NodeClient client = NodeClient.run("listen.js", server.url(), transports.transports(),
				String.valueOf(transports.upgrade()))) {
			String id = client.awaitOne("connected").path("id").asText();
			SocketIOClient socket = server.server().getClient(UUID.fromString(id));
			assertThat(ask(socket, 64 * 1024)).isInstanceOf(byte[].class).isEqualTo(ProbeServer.pattern(64 * 1024));
			assertThat(ask(socket, 1)).isInstanceOf(byte[].class).isEqualTo(ProbeServer.pattern(1));
		}
	}

	@ParameterizedTest
	@EnumSource(ClientTransports.class)
	void javaClientAcksServerEmitWithBinary(ClientTransports transports) throws Exception {
		try (JavaClient client = JavaClient.connect(server.url(), transports)) {
			awaitSettled(server, client, transports);
			client.socket().on("ask", (args) -> {
				int size = ((Number) args[0]).intValue();
				((io.socket.client.Ack) args[args.length - 1]).call((Object) ProbeServer.pattern(size));
			});
			SocketIOClient socket = server.server().getClient(client.id());
			assertThat(ask(socket, 64 * 1024)).isInstanceOf(byte[].class).isEqualTo(ProbeServer.pattern(64 * 1024));
			assertThat(ask(socket, 1)).isInstanceOf(byte[].class).isEqualTo(ProbeServer.pattern(1));
		}
	}

	@ParameterizedTest
	@EnumSource(ClientTransports.class)
	void withAnotherJsonSupportByteArrayArgumentsStillGetTheBytes(ClientTransports transports) {
		Configuration configuration = ClusteredSocketIOServer.newConfiguration();
		configuration.setJsonSupport(new JacksonJsonSupport());
		configuration.setHostname("127.0.0.1");
		configuration.setPort(0);
		ClusteredSocketIOServer plain = new ClusteredSocketIOServer(configuration);
		plain.addEventListener("echo", byte[].class, (client, data, ack) -> ack.sendAckData((Object) data));
		plain.start();
		try (JavaClient client = JavaClient.connect("http://127.0.0.1:" + plain.getPort(), transports)) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> plain.getClient(client.id()).getTransport() == transports.settled());
			byte[] payload = ProbeServer.pattern(1000);
			assertThat(client.emitWithAck("echo", payload)).isEqualTo(payload);
		}
		finally {
			plain.stop();
		}
	}

	@Test
	void attachmentsFollowTheirPacketAcrossTransportsAndAroundEngineIoPackets() {
		ClientHead client = newClient();
		List<String> forwarded = new CopyOnWriteArrayList<>();
		EmbeddedChannel polling = new EmbeddedChannel(new EngineIoV4Decoder(null, 10_000), forwardedTo(forwarded));
		EmbeddedChannel webSocket = new EmbeddedChannel(BinaryFrameMarker.INSTANCE, asPacketsMessages(client),
				new EngineIoV4Decoder(null, 10_000), forwardedTo(forwarded));
		// as the Java client does while upgrading: the packet over polling, its attachment over WebSocket
		polling.writeInbound(new PacketsMessage(client,
				Unpooled.copiedBuffer("451-[\"echo\",{\"_placeholder\":true,\"num\":0}]", StandardCharsets.UTF_8),
				Transport.POLLING));
		webSocket.writeInbound(new TextWebSocketFrame("2probe"));
		webSocket.writeInbound(new TextWebSocketFrame("5"));
		webSocket.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] { 0, 1, 2 })));
		assertThat(forwarded).containsExactly("2probe", "5", "42[\"echo\",\"AAEC\"]");
	}

	@Test
	void pollingBodySplitsIntoPacketsAndBase64Attachments() {
		ClientHead client = newClient();
		List<String> forwarded = new CopyOnWriteArrayList<>();
		EmbeddedChannel polling = new EmbeddedChannel(new EngineIoV4Decoder(null, 10_000), forwardedTo(forwarded));
		// the Java client wraps base64 lines at 76 characters
		String body = "2\u001e462-/chat,7[{\"_placeholder\":true,\"num\":1},{\"num\":0,\"_placeholder\":true}]"
				+ "\u001ebAA==\u001ebAQ\nI=\u001e42[\"after\"]";
		polling.writeInbound(new PacketsMessage(client, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), Transport.POLLING));
		assertThat(forwarded).containsExactly("2", "43/chat,7[\"AQI=\",\"AA==\"]", "42[\"after\"]");
	}

	private static ClientHead newClient() {
		Configuration configuration = new Configuration();
		Map<String, List<String>> params = Map.of("EIO", List.of("4"));
		return new ClientHead(UUID.randomUUID(), new AckManager(new HashedWheelTimeoutScheduler()), (head) -> {
		}, new MemoryStoreFactory(), new HandshakeData(), new ClientsBox(), Transport.POLLING,
				new HashedWheelTimeoutScheduler(), configuration, params);
	}

	/** As netty-socketio's WebSocket transport: the frame's content goes on, its type does not. */
	private static ChannelInboundHandlerAdapter asPacketsMessages(ClientHead client) {
		return new ChannelInboundHandlerAdapter() {

			@Override
			public void channelRead(ChannelHandlerContext ctx, Object msg) {
				WebSocketFrame frame = (WebSocketFrame) msg;
				ctx.fireChannelRead(new PacketsMessage(client, frame.content(), Transport.WEBSOCKET));
				frame.release();
			}

		};
	}

	private static ChannelInboundHandlerAdapter forwardedTo(List<String> forwarded) {
		return new ChannelInboundHandlerAdapter() {

			@Override
			public void channelRead(ChannelHandlerContext ctx, Object msg) {
				forwarded.add(((PacketsMessage) msg).getContent().toString(StandardCharsets.UTF_8));
			}

		};
	}

	private static Object ask(SocketIOClient socket, int size) throws Exception {
		CompletableFuture<Object> answer = new CompletableFuture<>();
		socket.sendEvent("ask", new AckCallback<>(Object.class, 30) {

			@Override
			public void onSuccess(Object result) {
				answer.complete(result);
			}

			@Override
			public void onTimeout() {
				answer.completeExceptionally(new AssertionError("No ack to 'ask'"));
			}

		}, size);
		return answer.get(40, TimeUnit.SECONDS);
	}

	static void awaitSettled(ProbeServer server, JavaClient client, ClientTransports transports) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> server.server().getClient(client.id()).getTransport() == transports.settled());
	}

}

package dev.clusteradapter.cluster.adapter;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;

/**
 * The official Java Socket.IO client, recording every event it listens to.
 */
final class TestClient implements AutoCloseable {

	final Socket socket;

	private final Map<String, List<List<Object>>> received = new ConcurrentHashMap<>();

	final CompletableFuture<String> disconnectReason = new CompletableFuture<>();

	private TestClient(Socket socket) {
		this.socket = socket;
	}

	static TestClient connect(ClusterNode node, String nsp, String... events) {
		return connectWith(WebSocket.NAME, node, nsp, events);
	}

	static TestClient connectWith(String transport, ClusterNode node, String nsp, String... events) {
		IO.Options options = IO.Options.builder()
			.setTransports(new String[] { transport })
			.setForceNew(true)
			.setReconnection(false)
			.build();
		String path = "/".equals(nsp) ? "" : nsp;
		Socket socket = IO.socket(URI.create("http://127.0.0.1:" + node.port + path), options);
		TestClient client = new TestClient(socket);
		for (String event : events) {
			client.record(event);
		}
		CompletableFuture<Void> connected = new CompletableFuture<>();
		socket.on(Socket.EVENT_CONNECT, (args) -> connected.complete(null));
		socket.on(Socket.EVENT_CONNECT_ERROR, (args) -> connected.completeExceptionally(new IllegalStateException(
				"connect error " + Arrays.toString(args))));
		socket.on(Socket.EVENT_DISCONNECT, (args) -> client.disconnectReason.complete(String.valueOf(args[0])));
		socket.connect();
		connected.orTimeout(10, TimeUnit.SECONDS).join();
		return client;
	}

	static TestClient connectPolling(ClusterNode node, String nsp, String... events) {
		return connectWith(Polling.NAME, node, nsp, events);
	}

	String id() {
		return this.socket.id();
	}

	private void record(String event) {
		this.received.put(event, new ArrayList<>());
		this.socket.on(event, (args) -> {
			List<List<Object>> list = this.received.get(event);
			synchronized (list) {
				list.add(Arrays.asList(args));
			}
		});
	}

	/** Arguments of each time the event arrived. */
	List<List<Object>> received(String event) {
		List<List<Object>> list = this.received.get(event);
		synchronized (list) {
			return new ArrayList<>(list);
		}
	}

	/** Answers an event's ack with a fixed reply. */
	TestClient answer(String event, Object reply) {
		this.socket.on(event, (args) -> ((Ack) args[args.length - 1]).call(reply));
		return this;
	}

	/** Emits with an ack and waits for it. */
	Object call(String event, Object... args) {
		CompletableFuture<Object> answer = new CompletableFuture<>();
		Object[] withAck = Arrays.copyOf(args, args.length + 1);
		withAck[args.length] = (Ack) (reply) -> answer.complete((reply.length > 0) ? reply[0] : null);
		this.socket.emit(event, withAck);
		return answer.orTimeout(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS).join();
	}

	void join(String room) {
		call("join", room);
	}

	@Override
	public void close() {
		this.socket.disconnect();
		this.socket.close();
	}

}

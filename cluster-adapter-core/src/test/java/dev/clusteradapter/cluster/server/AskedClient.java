package dev.clusteradapter.cluster.server;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The official Java client, over WebSocket, asked by broadcasts with acks: to the event
 * {@code "ask"} it answers its own id, at once, when {@link #release() released}, or never.
 * Records the arguments of every {@code "ask"} and {@code "fence"}.
 */
final class AskedClient implements AutoCloseable {

	enum Answer {

		AT_ONCE, WHEN_RELEASED, NEVER

	}

	private final Socket socket;

	private volatile UUID id;

	private final CompletableFuture<Void> released = new CompletableFuture<>();

	final List<List<Object>> asked = new CopyOnWriteArrayList<>();

	final List<List<Object>> fences = new CopyOnWriteArrayList<>();

	private AskedClient(Socket socket, Answer answer) {
		this.socket = socket;
		socket.on("ask", (args) -> {
			this.asked.add(Arrays.asList(args).subList(0, args.length - 1));
			Ack ack = (Ack) args[args.length - 1];
			switch (answer) {
				case AT_ONCE -> ack.call(socket.id());
				case WHEN_RELEASED -> this.released.thenRun(() -> ack.call(socket.id()));
				case NEVER -> {
				}
			}
		});
		socket.on("fence", (args) -> this.fences.add(Arrays.asList(args)));
	}

	static AskedClient connect(String url, Answer answer) {
		return connect(url, null, answer);
	}

	static AskedClient connect(String url, String query, Answer answer) {
		IO.Options options = IO.Options.builder()
			.setTransports(new String[] { "websocket" })
			.setReconnection(false)
			.setForceNew(true)
			.setQuery(query)
			.build();
		Socket socket = IO.socket(URI.create(url), options);
		AskedClient client = new AskedClient(socket, answer);
		JavaClient.connectOrClose(socket);
		// kept: the client forgets its id once disconnected
		client.id = UUID.fromString(socket.id());
		return client;
	}

	UUID id() {
		return this.id;
	}

	/** Emits an event with one argument and waits for the ack. */
	void emitAndWait(String event, Object argument) {
		CompletableFuture<Void> acked = new CompletableFuture<>();
		this.socket.emit(event, new Object[] { argument }, (args) -> acked.complete(null));
		acked.orTimeout(20, TimeUnit.SECONDS).join();
	}

	/** Lets held answers go. */
	void release() {
		this.released.complete(null);
	}

	@Override
	public void close() {
		this.socket.close();
	}

	/**
	 * Asserts clients were never asked: a broadcast to everyone follows the asks, so a
	 * client that has it and no ask was never asked.
	 */
	static void assertNotAsked(ClusteredSocketIOServer server, AskedClient... notAsked) {
		server.getBroadcastOperations().sendEvent("fence", "done");
		for (AskedClient client : notAsked) {
			await().atMost(Duration.ofSeconds(10)).until(() -> !client.fences.isEmpty());
			assertThat(client.asked).isEmpty();
		}
	}

}

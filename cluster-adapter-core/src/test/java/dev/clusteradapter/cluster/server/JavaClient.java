package dev.clusteradapter.cluster.server;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.socket.client.IO;
import io.socket.client.Socket;

import static org.awaitility.Awaitility.await;

/** The official Java client, connected and ready to emit and listen. */
public final class JavaClient implements AutoCloseable {

	private final Socket socket;

	private final List<String> disconnects = new CopyOnWriteArrayList<>();

	private JavaClient(Socket socket) {
		this.socket = socket;
		socket.on(Socket.EVENT_DISCONNECT, (args) -> this.disconnects.add(String.valueOf(args[0])));
	}

	static JavaClient connect(String url, ClientTransports transports) {
		IO.Options options = IO.Options.builder()
			.setTransports(transports.transports().split(","))
			.setUpgrade(transports.upgrade())
			.setReconnection(false)
			.setForceNew(true)
			.build();
		Socket socket = IO.socket(URI.create(url), options);
		connectOrClose(socket);
		return new JavaClient(socket);
	}

	/**
	 * Connects a socket and waits up to 20 s for the server's answer.
	 * @param socket the socket, its listeners already registered
	 * @throws IllegalStateException when it does not connect; the socket is then closed
	 */
	public static void connectOrClose(Socket socket) {
		CompletableFuture<Void> connected = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(null));
		socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> connected.completeExceptionally(
				new IllegalStateException("Cannot connect: " + List.of(args))));
		socket.connect();
		try {
			connected.get(20, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			socket.close();
			throw new IllegalStateException(ex);
		}
	}

	UUID id() {
		return UUID.fromString(this.socket.id());
	}

	Socket socket() {
		return this.socket;
	}

	/**
	 * Emits with an ack, and waits for it.
	 * @return the ack's first argument
	 */
	Object emitWithAck(String event, Object argument) {
		CompletableFuture<Object> reply = new CompletableFuture<>();
		this.socket.emit(event, new Object[] { argument }, (args) -> reply.complete((args.length > 0) ? args[0] : null));
		try {
			return reply.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("No ack to '" + event + "'", ex);
		}
	}

	List<String> awaitDisconnect() {
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.disconnects.isEmpty());
		return this.disconnects;
	}

	@Override
	public void close() {
		this.socket.close();
	}

}

package dev.clusteradapter.cluster.redis;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.clusteradapter.cluster.server.JavaClient;
import io.socket.client.IO;
import io.socket.client.Socket;

/**
 * The official Java client on one namespace of a server that serves the probe contract,
 * over WebSocket, recording the {@code broadcast} events it receives.
 */
final class ProbeClient implements AutoCloseable {

	private final Socket socket;

	private final List<Object> broadcasts = new CopyOnWriteArrayList<>();

	private ProbeClient(Socket socket) {
		this.socket = socket;
		socket.on("broadcast", (args) -> this.broadcasts.add(args[0]));
	}

	/**
	 * Connects and waits until connected.
	 * @param url the server's URL and namespace, e.g. {@code http://127.0.0.1:3000/admin}
	 * @return the connected client
	 */
	static ProbeClient connect(String url) {
		IO.Options options = IO.Options.builder()
			.setTransports(new String[] { "websocket" })
			.setReconnection(false)
			.setForceNew(true)
			.build();
		ProbeClient client = new ProbeClient(IO.socket(URI.create(url), options));
		JavaClient.connectOrClose(client.socket);
		return client;
	}

	/**
	 * Emits an event with an ack and waits for it.
	 * @param event the event
	 * @param arguments its arguments before the ack
	 * @return the ack's first argument
	 */
	Object ack(String event, Object... arguments) {
		CompletableFuture<Object> reply = new CompletableFuture<>();
		this.socket.emit(event, arguments, (args) -> reply.complete((args.length > 0) ? args[0] : null));
		try {
			return reply.get(20, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("No ack to '" + event + "'", ex);
		}
	}

	/**
	 * Emits an event without ack.
	 * @param event the event
	 * @param arguments its arguments
	 */
	void emit(String event, Object... arguments) {
		this.socket.emit(event, arguments);
	}

	/**
	 * The payloads of the {@code broadcast} events received so far.
	 * @return them, in order
	 */
	List<Object> broadcasts() {
		return List.copyOf(this.broadcasts);
	}

	@Override
	public void close() {
		this.socket.close();
	}

}

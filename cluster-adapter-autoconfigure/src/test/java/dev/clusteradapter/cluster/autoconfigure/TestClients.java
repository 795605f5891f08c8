package dev.clusteradapter.cluster.autoconfigure;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import okhttp3.OkHttpClient;

/**
 * The official Java Socket.IO client, with one shared HTTP client, for tests that drive a
 * primary and its workers in this JVM. Closing it closes every socket it opened.
 */
public final class TestClients implements AutoCloseable {

	private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(1, TimeUnit.MINUTES).build();

	private final List<Socket> sockets = new ArrayList<>();

	/**
	 * Connects a WebSocket client to the public port and waits until it is connected.
	 * @param address the primary's public address
	 * @return the connected socket
	 */
	public Socket connect(InetSocketAddress address) {
		IO.Options options = IO.Options.builder()
			.setForceNew(true)
			.setReconnection(false)
			.setTransports(new String[] { WebSocket.NAME })
			.setTimeout(10_000)
			.build();
		options.callFactory = this.http;
		options.webSocketFactory = this.http;
		Socket socket = IO.socket(URI.create("http://127.0.0.1:" + address.getPort()), options);
		this.sockets.add(socket);
		CompletableFuture<Void> connected = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(null));
		socket.once(Socket.EVENT_CONNECT_ERROR,
				(args) -> connected.completeExceptionally(new IllegalStateException(String.valueOf(args[0]))));
		socket.connect();
		try {
			connected.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Connect failed", ex);
		}
		return socket;
	}

	/**
	 * Emits an event and waits for its acknowledgement.
	 * @param socket a connected socket
	 * @param event the event
	 * @param argument its argument
	 * @return the first argument of the acknowledgement
	 */
	public static Object call(Socket socket, String event, Object argument) {
		CompletableFuture<Object> reply = new CompletableFuture<>();
		socket.emit(event, new Object[] { argument }, (args) -> reply.complete((args.length > 0) ? args[0] : null));
		try {
			return reply.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(event + " got no reply", ex);
		}
	}

	@Override
	public void close() {
		this.sockets.forEach(Socket::close);
		this.http.dispatcher().executorService().shutdown();
		this.http.connectionPool().evictAll();
	}

}

package dev.clusteradapter.cluster.sticky;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.socket.client.IO;
import io.socket.client.Socket;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.json.JSONObject;

/**
 * The official Java Socket.IO client, with one shared HTTP client, for tests that drive a
 * router or a primary and its workers in this JVM (the sticky tests, and the autoconfigure
 * module's through the test-jar). Closing it closes every socket it opened.
 */
public final class TestClients implements AutoCloseable {

	private final OkHttpClient http;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	/** Clients sharing one HTTP client that allows 1024 requests at once. */
	public TestClients() {
		Dispatcher dispatcher = new Dispatcher();
		dispatcher.setMaxRequests(1024);
		dispatcher.setMaxRequestsPerHost(1024);
		this.http = new OkHttpClient.Builder().dispatcher(dispatcher)
			.readTimeout(1, TimeUnit.MINUTES)
			.build();
	}

	/**
	 * Connects a client and waits until it is connected.
	 * @param address the server's address on loopback
	 * @param transports the client's transports, in order
	 * @return the connected socket
	 */
	public Socket connect(InetSocketAddress address, String... transports) {
		Socket socket = open(address, transports);
		CompletableFuture<Void> connected = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(null));
		socket.once(Socket.EVENT_CONNECT_ERROR,
				(args) -> connected.completeExceptionally(new IllegalStateException(String.valueOf(args[0]))));
		socket.connect();
		try {
			connected.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			socket.close();
			throw new IllegalStateException("Connect failed", ex);
		}
		return socket;
	}

	/**
	 * A client, not connected yet.
	 * @param address the server's address on loopback
	 * @param transports the client's transports, in order
	 * @return the socket
	 */
	public Socket open(InetSocketAddress address, String... transports) {
		IO.Options options = IO.Options.builder()
			.setForceNew(true)
			.setReconnection(false)
			.setTransports(transports)
			.setUpgrade(transports.length > 1)
			.setTimeout(10_000)
			.build();
		options.callFactory = this.http;
		options.webSocketFactory = this.http;
		Socket socket = IO.socket(URI.create("http://127.0.0.1:" + address.getPort()), options);
		this.sockets.add(socket);
		return socket;
	}

	/**
	 * Asks the probe contract's {@code whoami}.
	 * @param socket a connected socket
	 * @return the answer
	 */
	public static JSONObject whoami(Socket socket) {
		return (JSONObject) call(socket, "whoami", 0);
	}

	/**
	 * Emits an event and waits for its acknowledgement.
	 * @param socket a connected socket
	 * @param event the event
	 * @param argument its argument
	 * @return the first argument of the acknowledgement, {@code null} for one without any
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

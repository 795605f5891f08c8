package dev.clusteradapter.cluster.sticky;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.socket.client.IO;
import io.socket.client.Socket;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.json.JSONObject;

/**
 * The official Java Socket.IO client, with one shared HTTP client, for the sticky tests.
 */
final class TestClients implements AutoCloseable {

	private final OkHttpClient http;

	TestClients() {
		Dispatcher dispatcher = new Dispatcher();
		dispatcher.setMaxRequests(1024);
		dispatcher.setMaxRequestsPerHost(1024);
		this.http = new OkHttpClient.Builder().dispatcher(dispatcher)
			.readTimeout(1, TimeUnit.MINUTES)
			.build();
	}

	Socket connect(InetSocketAddress address, String... transports) {
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

	Socket open(InetSocketAddress address, String... transports) {
		IO.Options options = IO.Options.builder()
			.setForceNew(true)
			.setReconnection(false)
			.setTransports(transports)
			.setUpgrade(transports.length > 1)
			.setTimeout(10_000)
			.build();
		options.callFactory = this.http;
		options.webSocketFactory = this.http;
		return IO.socket(URI.create("http://127.0.0.1:" + address.getPort()), options);
	}

	static JSONObject whoami(Socket socket) {
		return (JSONObject) call(socket, "whoami", 0);
	}

	static Object call(Socket socket, String event, Object argument) {
		CompletableFuture<Object> reply = new CompletableFuture<>();
		socket.emit(event, new Object[] { argument }, (args) -> reply.complete(args[0]));
		try {
			return reply.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(event + " got no reply", ex);
		}
	}

	@Override
	public void close() {
		this.http.dispatcher().executorService().shutdown();
		this.http.connectionPool().evictAll();
	}

}

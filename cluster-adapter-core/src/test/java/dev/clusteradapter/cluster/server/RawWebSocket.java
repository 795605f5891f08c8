package dev.clusteradapter.cluster.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A bare Engine.IO v4 WebSocket connected to the default namespace, which sends whatever
 * text it is given, as no official client would, and reports how the server closed it.
 */
final class RawWebSocket {

	private final WebSocket webSocket;

	private final CompletableFuture<Integer> closed;

	private RawWebSocket(WebSocket webSocket, CompletableFuture<Integer> closed) {
		this.webSocket = webSocket;
		this.closed = closed;
	}

	/**
	 * Opens the WebSocket and connects to the default namespace.
	 * @param port the server's port on loopback
	 * @return the connected socket
	 */
	static RawWebSocket connect(int port) throws Exception {
		CompletableFuture<Void> connected = new CompletableFuture<>();
		CompletableFuture<Integer> closed = new CompletableFuture<>();
		WebSocket.Listener listener = new WebSocket.Listener() {

			private final StringBuilder text = new StringBuilder();

			@Override
			public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
				this.text.append(data);
				if (last) {
					String message = this.text.toString();
					this.text.setLength(0);
					if (message.startsWith("0")) {
						socket.sendText("40", true);
					}
					else if (message.startsWith("40")) {
						connected.complete(null);
					}
				}
				socket.request(1);
				return null;
			}

			@Override
			public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
				closed.complete(statusCode);
				return null;
			}

			@Override
			public void onError(WebSocket socket, Throwable error) {
				closed.completeExceptionally(error);
			}

		};
		WebSocket webSocket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"), listener)
			.get(10, TimeUnit.SECONDS);
		connected.get(10, TimeUnit.SECONDS);
		return new RawWebSocket(webSocket, closed);
	}

	/** Sends one text message, as is. */
	void send(String text) {
		this.webSocket.sendText(text, true);
	}

	/**
	 * Waits for the server to close the WebSocket.
	 * @return the status code of its close frame
	 */
	int awaitClose() throws Exception {
		return this.closed.get(15, TimeUnit.SECONDS);
	}

}

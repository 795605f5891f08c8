package dev.clusteradapter.benchmarks.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The HTTP long-polling handshake of a Socket.IO client, for a connection storm:
 * {@code GET} opens the Engine.IO session, {@code POST "40"} connects to "/", then
 * {@code GET} until the server's {@code 40{...}} arrives; a {@code POST "1"} closes it.
 */
public final class PollingHandshake {

	private final HttpClient http;

	private final URI server;

	/**
	 * A handshake runner against one server.
	 * @param server the server's base URI ({@code http://host:port})
	 * @param executor runs the HTTP client's callbacks
	 */
	public PollingHandshake(URI server, Executor executor) {
		this.server = server;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(15))
			.executor(executor)
			.build();
	}

	/**
	 * Runs one handshake and closes the session.
	 * @return the handshake's duration in nanoseconds, up to the {@code 40{...}} packet
	 */
	public CompletableFuture<Long> run() {
		long start = System.nanoTime();
		String base = this.server + "/socket.io/?EIO=4&transport=polling";
		return get(base).thenCompose((open) -> {
			int at = open.indexOf("\"sid\":\"");
			if (!open.startsWith("0") || at < 0) {
				throw new IllegalStateException("no open packet: " + open);
			}
			String session = base + "&sid=" + open.substring(at + 7, open.indexOf('"', at + 7));
			return post(session, "40").thenCompose((ok) -> awaitConnect(session, 0))
				.thenApply((ignored) -> System.nanoTime() - start)
				.whenComplete((nanos, failure) -> post(session, "1"));
		});
	}

	private CompletableFuture<String> awaitConnect(String session, int attempt) {
		if (attempt > 5) {
			return CompletableFuture.failedFuture(new IOException("no 40{ after " + attempt + " polls"));
		}
		return get(session).thenCompose((body) -> body.contains("40{") ? CompletableFuture.completedFuture(body)
				: awaitConnect(session, attempt + 1));
	}

	private CompletableFuture<String> get(String uri) {
		return send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(15)).GET().build());
	}

	private CompletableFuture<String> post(String uri, String body) {
		return send(HttpRequest.newBuilder(URI.create(uri))
			.timeout(Duration.ofSeconds(15))
			.header("Content-Type", "text/plain;charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private CompletableFuture<String> send(HttpRequest request) {
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply((response) -> {
			if (response.statusCode() != 200) {
				throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		});
	}

}

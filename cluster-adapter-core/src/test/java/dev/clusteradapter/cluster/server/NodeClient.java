package dev.clusteradapter.cluster.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusteradapter.cluster.JsClients;

import static org.awaitility.Awaitility.await;

/**
 * The official JavaScript client, run by {@code node} from a script in {@code js-clients},
 * reporting what it sees as JSON lines.
 */
final class NodeClient implements AutoCloseable {

	private static final ObjectMapper mapper = new ObjectMapper();

	private final Process process;

	private final List<JsonNode> lines = new CopyOnWriteArrayList<>();

	private final StringBuilder stderr = new StringBuilder();

	private volatile boolean outputEnded;

	private NodeClient(Process process) {
		this.process = process;
		daemon(this::readLines);
		daemon(this::readErrors);
	}

	static NodeClient run(String script, String... arguments) {
		try {
			return new NodeClient(JsClients.node(script, arguments).start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Awaits the lines of one event.
	 * @param event the event
	 * @param count how many
	 * @param timeout how long at most
	 * @return the lines, in order
	 */
	List<JsonNode> awaitEvents(String event, int count, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(20))
			.failFast("client exited", () -> {
				if (this.outputEnded && events(event).size() < count) {
					throw new AssertionError("Client exited before " + count + " '" + event + "': " + this.lines
							+ " " + this.stderr);
				}
			})
			.untilAsserted(() -> {
				if (!events("error").isEmpty()) {
					throw new AssertionError("Client failed: " + events("error") + " " + this.stderr);
				}
				if (events(event).size() < count) {
					throw new AssertionError("Awaiting " + count + " '" + event + "', got " + this.lines
							+ (this.process.isAlive() ? "" : " and the client exited: " + this.stderr));
				}
			});
		return events(event).subList(0, count);
	}

	JsonNode awaitOne(String event) {
		return awaitEvents(event, 1, Duration.ofSeconds(30)).get(0);
	}

	/**
	 * Writes a command, one JSON line, to the script's standard input.
	 * @param command the command
	 */
	void send(Map<String, ?> command) {
		try {
			OutputStream input = this.process.getOutputStream();
			input.write((mapper.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8));
			input.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The lines of one event so far.
	 * @param event the event
	 * @return the lines, in order
	 */
	List<JsonNode> events(String event) {
		return this.lines.stream().filter((line) -> event.equals(line.path("event").asText())).toList();
	}

	private void readLines() {
		try (BufferedReader reader = this.process.inputReader(StandardCharsets.UTF_8)) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(mapper.readTree(line));
			}
		}
		catch (IOException ex) {
			// the process ended
		}
		finally {
			this.outputEnded = true;
		}
	}

	private void readErrors() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getErrorStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				synchronized (this.stderr) {
					this.stderr.append(line).append('\n');
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	private static void daemon(Runnable task) {
		Thread thread = new Thread(task, "node-client-output");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() {
		try {
			this.process.getOutputStream().close();
		}
		catch (IOException ex) {
			// gone already
		}
		this.process.destroy();
	}

}

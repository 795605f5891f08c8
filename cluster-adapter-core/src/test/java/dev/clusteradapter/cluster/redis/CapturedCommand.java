package dev.clusteradapter.cluster.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One pub/sub command a Node server sent to Redis, as {@code js-clients/redis-wire-capture.js}
 * recorded it (see {@code redis/captures/README.md}).
 * @param step the operation that caused it
 * @param from the Redis connection that sent it, e.g. {@code a-pub}
 * @param command e.g. {@code PUBLISH}
 * @param args the arguments' bytes
 */
record CapturedCommand(String step, String from, String command, List<byte[]> args) {

	private static final ObjectMapper JSON = new ObjectMapper();

	static List<CapturedCommand> load(String file) {
		try (InputStream in = CapturedCommand.class.getResourceAsStream("/redis/captures/" + file)) {
			List<CapturedCommand> commands = new ArrayList<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				JsonNode node = JSON.readTree(line);
				List<byte[]> args = new ArrayList<>();
				node.get("args").forEach((arg) -> args.add(HexFormat.of().parseHex(arg.asText())));
				commands.add(new CapturedCommand(node.get("step").asText(), node.get("from").asText(),
						node.get("command").asText(), args));
			}
			return commands;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The first argument as text: the channel of a publish. */
	String channel() {
		return arg(0);
	}

	String arg(int index) {
		return new String(this.args.get(index), StandardCharsets.UTF_8);
	}

	/** The arguments as UTF-8 text. */
	List<String> textArgs() {
		return this.args.stream().map((arg) -> new String(arg, StandardCharsets.UTF_8)).toList();
	}

	/** The published message. */
	byte[] payload() {
		return this.args.get(1);
	}

	/** The published message, read as Node reads it. */
	Object decoded() {
		return NodeRedisPayload.decode(payload());
	}

	boolean isPublish() {
		return this.command.equals("PUBLISH") || this.command.equals("SPUBLISH");
	}

}

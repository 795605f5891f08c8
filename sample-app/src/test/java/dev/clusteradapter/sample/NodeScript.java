package dev.clusteradapter.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A script of {@code js-clients} run with Node.js: the official JavaScript client as a real
 * peer of the cluster.
 *
 * @param exitCode the script's exit code
 * @param output what it printed, standard error included
 */
record NodeScript(int exitCode, String output) {

	static NodeScript run(String script, String... args) throws IOException, InterruptedException {
		Path clients = Path.of("..", "js-clients").toAbsolutePath().normalize();
		List<String> command = new ArrayList<>(List.of("node", clients.resolve(script).toString()));
		command.addAll(List.of(args));
		Path output = Files.createTempFile("node-script-", ".log");
		try {
			Process process = new ProcessBuilder(command).directory(clients.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException(script + " did not finish: " + Files.readString(output));
			}
			return new NodeScript(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

}

package dev.clusteradapter.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's {@code js-clients} folder, where the Node scripts that tests run as real
 * peers live, with the packages {@code npm ci} installed there.
 */
public final class JsClients {

	private static final Path DIRECTORY = locate();

	private JsClients() {
	}

	/**
	 * The folder.
	 * @return its absolute path
	 */
	public static Path directory() {
		return DIRECTORY;
	}

	/**
	 * A {@code node} command that runs one of the scripts, from the folder.
	 * @param script the script's file name
	 * @param arguments its arguments
	 * @return the process builder, to adjust and start
	 */
	public static ProcessBuilder node(String script, String... arguments) {
		List<String> command = new ArrayList<>(List.of("node", DIRECTORY.resolve(script).toString()));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).directory(DIRECTORY.toFile());
	}

	private static Path locate() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path scripts = dir.resolve("js-clients");
			if (Files.isDirectory(scripts)) {
				if (!Files.isDirectory(scripts.resolve("node_modules/socket.io-client"))) {
					throw new IllegalStateException("Run 'npm ci' in " + scripts + " first");
				}
				return scripts;
			}
		}
		throw new IllegalStateException("No js-clients directory above " + Path.of("").toAbsolutePath());
	}

}

package dev.clusteradapter.cluster.supervisor;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Launches {@link TestPrimaryMain} JVMs on the test class path, or from a jar.
 */
final class TestProcesses {

	private TestProcesses() {
	}

	static Process startPrimary(String workerMode) throws IOException {
		return start(List.of("-cp", System.getProperty("java.class.path"), TestPrimaryMain.class.getName(),
				workerMode));
	}

	static Process startPrimaryJar(Path jar, String workerMode) throws IOException {
		return start(List.of("-jar", jar.toString(), workerMode));
	}

	/**
	 * Writes an executable jar whose main class is {@link TestPrimaryMain} and whose
	 * manifest class path is the test class path.
	 */
	static Path applicationJar(Path directory) throws IOException {
		Manifest manifest = new Manifest();
		Attributes attributes = manifest.getMainAttributes();
		attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		attributes.put(Attributes.Name.MAIN_CLASS, TestPrimaryMain.class.getName());
		attributes.put(Attributes.Name.CLASS_PATH,
				Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
					.map((entry) -> Path.of(entry).toUri().toString())
					.collect(Collectors.joining(" ")));
		Path jar = directory.resolve("test-application.jar");
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
			// classes come through the manifest class path
		}
		return jar;
	}

	private static Process start(List<String> launch) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElseThrow());
		command.addAll(WorkerJvm.OPTIONS);
		command.addAll(launch);
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

}

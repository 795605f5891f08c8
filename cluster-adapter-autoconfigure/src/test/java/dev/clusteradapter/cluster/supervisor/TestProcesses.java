package dev.clusteradapter.cluster.supervisor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Launches {@link TestPrimaryMain} JVMs on the test class path.
 */
final class TestProcesses {

	private TestProcesses() {
	}

	static Process startPrimary(String workerMode) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElseThrow());
		command.addAll(WorkerJvm.OPTIONS);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(TestPrimaryMain.class.getName());
		command.add(workerMode);
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

}

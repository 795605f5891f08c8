package dev.clusteradapter.cluster.supervisor;

import java.util.List;

/**
 * JVM options that make the test JVMs start fast and small.
 */
final class WorkerJvm {

	static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
			"-Xmx64m");

	private WorkerJvm() {
	}

}

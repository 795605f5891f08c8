package dev.clusteradapter.cluster.supervisor;

import java.util.List;

/**
 * JVM options that make the test JVMs start fast and small.
 */
public final class WorkerJvm {

	/** Options for a test JVM: C1 only, serial GC, class-data sharing, a small heap. */
	public static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
			"-Xmx64m");

	private WorkerJvm() {
	}

}

package dev.clusteradapter.cluster.ipc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A primary's IPC hub in its own JVM, for tests that kill it: binds a Unix socket in a
 * fresh directory under the {@code java.io.tmpdir} it is given, prints
 * {@code endpoint <address>}, and runs until killed.
 */
final class HubProcess {

	private HubProcess() {
	}

	public static void main(String[] args) throws Exception {
		IpcHub hub = new IpcHub(IpcOptions.builder(IpcSecret.generate()).transport(IpcTransport.UNIX).build());
		System.out.println("endpoint " + hub.start());
		System.out.flush();
		new CountDownLatch(1).await();
	}

	/** Starts a hub JVM with this test's class path, its temporary directory in {@code tmp}. */
	static Process start(Path tmp) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.io.tmpdir=" + tmp, "-cp",
				System.getProperty("java.class.path"), HubProcess.class.getName())
			.redirectErrorStream(true)
			.start();
	}

}

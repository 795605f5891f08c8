package dev.clusteradapter.cluster.ipc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A worker in its own JVM, for tests that kill a process or stop its primary: connects to
 * the endpoint given as argument with the secret from the environment, prints its id, and
 * exits when the link is gone.
 */
final class WorkerProcess {

	static final String SECRET_ENV = "IPC_TEST_SECRET";

	private WorkerProcess() {
	}

	public static void main(String[] args) throws Exception {
		IpcSecret secret = IpcSecret.fromBase64(System.getenv(SECRET_ENV));
		IpcClient client = new IpcClient(IpcEndpoint.parse(args[0]), IpcOptions.builder(secret).build());
		int id = client.connect().get(10, TimeUnit.SECONDS);
		System.out.println("worker " + id);
		System.out.flush();
		client.closeFuture().join();
		System.exit(3);
	}

	/** Starts a worker JVM with this test's class path. */
	static Process start(IpcEndpoint endpoint, IpcSecret secret) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
				System.getProperty("java.class.path"), WorkerProcess.class.getName(), endpoint.toString());
		builder.environment().put(SECRET_ENV, secret.toBase64());
		builder.redirectErrorStream(true);
		return builder.start();
	}

}

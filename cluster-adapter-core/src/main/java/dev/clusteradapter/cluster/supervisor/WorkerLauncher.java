package dev.clusteradapter.cluster.supervisor;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Launches one worker JVM: its command line and environment, its standard input held open,
 * its output relayed.
 */
final class WorkerLauncher {

	/** Bound on waiting for a dead worker's last output lines (a descendant may hold the pipe). */
	static final Duration OUTPUT_DRAIN_TIMEOUT = Duration.ofSeconds(2);

	private final SupervisorOptions options;

	WorkerLauncher(SupervisorOptions options) {
		this.options = options;
	}

	/**
	 * Launches the JVM of a worker.
	 * @param id worker id
	 * @return the JVM and when it has finished
	 * @throws IOException when the JVM cannot be launched
	 */
	LaunchedWorker launch(int id) throws IOException {
		Process process = processBuilder(id).start();
		String name = "worker-" + id;
		String prefix = "[" + name + "] ";
		CompletableFuture<Void> output = CompletableFuture.allOf(
				PrefixedLineRelay.start(name + "-stdout", process.getInputStream(), prefix, this.options.stdout()),
				PrefixedLineRelay.start(name + "-stderr", process.getErrorStream(), prefix, this.options.stderr()));
		CompletableFuture<Void> finished = process.onExit()
			.thenCompose((exited) -> output.completeOnTimeout(null, OUTPUT_DRAIN_TIMEOUT.toMillis(),
					TimeUnit.MILLISECONDS));
		return new LaunchedWorker(process, finished);
	}

	private ProcessBuilder processBuilder(int id) {
		ProcessBuilder builder = new ProcessBuilder(this.options.command().toList());
		Map<String, String> environment = builder.environment();
		environment.putAll(this.options.environment().apply(id));
		environment.put(WorkerEnvironment.WORKER_ID, Integer.toString(id));
		environment.put(WorkerEnvironment.PRIMARY_PID, Long.toString(ProcessHandle.current().pid()));
		// stdin stays a pipe that is never closed: its end-of-file tells the worker that this
		// JVM is gone; the supervisor writes its requests on it (WorkerControl)
		builder.redirectInput(ProcessBuilder.Redirect.PIPE);
		return builder;
	}

	/**
	 * A launched worker JVM.
	 * @param process the JVM
	 * @param finished completed once the JVM has exited and its last output lines were
	 * relayed
	 */
	record LaunchedWorker(Process process, CompletableFuture<Void> finished) {

	}

}

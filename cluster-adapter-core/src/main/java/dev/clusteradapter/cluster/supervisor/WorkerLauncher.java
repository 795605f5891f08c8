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
		ProcessBuilder builder = processBuilder(id);
		builder.environment().put(WorkerEnvironment.WORKER_ID, Integer.toString(id));
		return start(builder, "worker-" + id);
	}

	/**
	 * Launches a standby JVM: a worker that starts its application and waits, unlinked,
	 * until the supervisor adopts it as a worker id ({@link WorkerControl}).
	 * @return the JVM and when it has finished
	 * @throws IOException when the JVM cannot be launched
	 */
	LaunchedWorker launchStandby() throws IOException {
		ProcessBuilder builder = processBuilder(0);
		builder.environment().remove(WorkerEnvironment.WORKER_ID);
		builder.environment().put(WorkerEnvironment.STANDBY, "true");
		return start(builder, "standby");
	}

	private LaunchedWorker start(ProcessBuilder builder, String name) throws IOException {
		Process process = builder.start();
		OutputLabel label = new OutputLabel(name);
		CompletableFuture<Void> output = CompletableFuture.allOf(
				PrefixedLineRelay.start(name + "-stdout", process.getInputStream(), label, this.options.stdout()),
				PrefixedLineRelay.start(name + "-stderr", process.getErrorStream(), label, this.options.stderr()));
		CompletableFuture<Void> finished = process.onExit()
			.thenCompose((exited) -> output.completeOnTimeout(null, OUTPUT_DRAIN_TIMEOUT.toMillis(),
					TimeUnit.MILLISECONDS));
		return new LaunchedWorker(process, finished, label);
	}

	/** The command and environment of a worker JVM, {@code id} 0 for a standby. */
	private ProcessBuilder processBuilder(int id) {
		ProcessBuilder builder = new ProcessBuilder(this.options.command().toList());
		Map<String, String> environment = builder.environment();
		environment.putAll(this.options.environment().apply(id));
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
	 * @param label the prefix of its output lines
	 */
	record LaunchedWorker(Process process, CompletableFuture<Void> finished, OutputLabel label) {

	}

}

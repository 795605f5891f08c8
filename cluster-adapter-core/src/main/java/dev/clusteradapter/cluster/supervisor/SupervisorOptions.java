package dev.clusteradapter.cluster.supervisor;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Settings of a {@link WorkerSupervisor}. Build with {@link #builder(WorkerCommand)}.
 *
 * @param workers number of worker JVMs, at least 1; their ids are {@code 1..workers}
 * @param command command line of a worker JVM
 * @param environment extra environment of a worker, by worker id, {@code 0} for the standby
 * (IPC endpoint and secret belong here, never on the command line)
 * @param backoff delays between restarts of a worker that keeps exiting
 * @param gracePeriod how long a worker may take to exit after SIGTERM before it is killed
 * @param listener told about starts, exits and restarts
 * @param stdout where the workers' standard output goes, each line prefixed with
 * {@code [worker-<id>] }
 * @param stderr where the workers' standard error goes, prefixed likewise
 * @param standby whether to keep a standby JVM: started once every worker is linked (see
 * {@link WorkerSupervisor#linked(int, long)}), it starts the application and waits; when a
 * worker's JVM ends, the standby takes its id at once, and a new standby is started
 */
public record SupervisorOptions(int workers, WorkerCommand command, IntFunction<Map<String, String>> environment,
		RestartBackoff backoff, Duration gracePeriod, WorkerListener listener, PrintStream stdout,
		PrintStream stderr, boolean standby) {

	/** Default {@link #gracePeriod()}: 10 seconds. */
	public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(10);

	public SupervisorOptions {
		if (workers < 1) {
			throw new IllegalArgumentException("workers must be at least 1, got " + workers);
		}
		Objects.requireNonNull(command, "command");
		Objects.requireNonNull(environment, "environment");
		Objects.requireNonNull(backoff, "backoff");
		Objects.requireNonNull(gracePeriod, "gracePeriod");
		Objects.requireNonNull(listener, "listener");
		Objects.requireNonNull(stdout, "stdout");
		Objects.requireNonNull(stderr, "stderr");
		if (gracePeriod.isNegative()) {
			throw new IllegalArgumentException("gracePeriod must not be negative");
		}
	}

	/**
	 * Starts building options with the defaults: one worker, no extra environment,
	 * {@link RestartBackoff#DEFAULT}, a 10 s grace period, no listener, the output of this
	 * JVM, no standby.
	 * @param command command line of a worker JVM
	 * @return a builder
	 */
	public static Builder builder(WorkerCommand command) {
		return new Builder(command);
	}

	/**
	 * Builder of {@link SupervisorOptions}.
	 */
	public static final class Builder {

		private final WorkerCommand command;

		private int workers = 1;

		private IntFunction<Map<String, String>> environment = (id) -> Map.of();

		private RestartBackoff backoff = RestartBackoff.DEFAULT;

		private Duration gracePeriod = DEFAULT_GRACE_PERIOD;

		private WorkerListener listener = WorkerListener.NONE;

		private PrintStream stdout = System.out;

		private PrintStream stderr = System.err;

		private boolean standby;

		private Builder(WorkerCommand command) {
			this.command = command;
		}

		/**
		 * Sets the number of workers.
		 * @param workers at least 1
		 * @return this builder
		 */
		public Builder workers(int workers) {
			this.workers = workers;
			return this;
		}

		/**
		 * Sets the extra environment of each worker.
		 * @param environment variables by worker id
		 * @return this builder
		 */
		public Builder environment(IntFunction<Map<String, String>> environment) {
			this.environment = environment;
			return this;
		}

		/**
		 * Sets the restart back-off.
		 * @param backoff the back-off
		 * @return this builder
		 */
		public Builder backoff(RestartBackoff backoff) {
			this.backoff = backoff;
			return this;
		}

		/**
		 * Sets how long a worker may take to exit after SIGTERM.
		 * @param gracePeriod the grace period
		 * @return this builder
		 */
		public Builder gracePeriod(Duration gracePeriod) {
			this.gracePeriod = gracePeriod;
			return this;
		}

		/**
		 * Sets the listener.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(WorkerListener listener) {
			this.listener = listener;
			return this;
		}

		/**
		 * Sets where the workers' output goes.
		 * @param stdout for their standard output
		 * @param stderr for their standard error
		 * @return this builder
		 */
		public Builder output(PrintStream stdout, PrintStream stderr) {
			this.stdout = stdout;
			this.stderr = stderr;
			return this;
		}

		/**
		 * Sets whether to keep a standby JVM.
		 * @param standby whether to
		 * @return this builder
		 */
		public Builder standby(boolean standby) {
			this.standby = standby;
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public SupervisorOptions build() {
			return new SupervisorOptions(this.workers, this.command, this.environment, this.backoff, this.gracePeriod,
					this.listener, this.stdout, this.stderr, this.standby);
		}

	}

}

package dev.clusteradapter.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.report.Measurements;
import dev.clusteradapter.benchmarks.target.Target;

/**
 * What every run does around its scenarios: starts targets and stops them (Ctrl-C
 * included), measures each target once per round in an order that rotates every round (so
 * that no target always runs first or right after another's load), collects the figures
 * and the notes, and writes the report.
 */
final class RoundRunner {

	private final int rounds;

	private final Measurements measurements = new Measurements();

	private final List<String> notes = new CopyOnWriteArrayList<>();

	private final List<Target> running = new CopyOnWriteArrayList<>();

	RoundRunner(int rounds) {
		this.rounds = rounds;
		// Ctrl-C must not leave clusters behind
		Runtime.getRuntime().addShutdownHook(new Thread(() -> this.running.forEach(Target::stop)));
	}

	Measurements measurements() {
		return this.measurements;
	}

	/** Starts the targets one after another; when one does not start, stops them all. */
	void start(EngineIoClient client, List<Target> targets, Duration timeout) throws IOException {
		for (Target target : targets) {
			progress("starting " + target.name() + " (" + target.workers() + " workers) on "
					+ ((target.uris().size() == 1) ? target.uri() : target.uris()));
			this.running.add(target);
			try {
				target.start(client, timeout);
			}
			catch (IOException ex) {
				stop(targets);
				throw ex;
			}
		}
	}

	void stop(List<Target> targets) {
		for (Target target : targets) {
			target.stop();
			this.running.remove(target);
		}
	}

	/** Measures each target in turn, once per round, rotating their order every round. */
	void inRounds(String scenario, List<Target> targets, Measurement measurement) {
		for (int round = 0; round < this.rounds; round++) {
			for (Target target : order(targets, round)) {
				attempt(scenario, target, measurement);
			}
		}
	}

	/** Measures once; a failure leaves a note, not a failed run. */
	void attempt(String scenario, Target target, Measurement measurement) {
		progress(scenario + " — " + target.name());
		try {
			measurement.run(target);
		}
		catch (Exception ex) {
			String note = "- " + scenario + " on " + target.name() + " failed: " + ex;
			progress(note);
			this.notes.add(note);
		}
		sleep(1000);
	}

	void record(String scenario, Target target, String metric, double value) {
		this.measurements.add(scenario, metric, target.name(), value);
	}

	void note(String note) {
		this.notes.add(note);
	}

	/** Prints the table and notes, and writes them with the machine's description to the output. */
	void report(String machine, String table, Instant began, Path output) throws IOException {
		String notes = String.join("\n", this.notes) + (this.notes.isEmpty() ? "" : "\n");
		String took = "run took "
				+ Duration.between(began, Instant.now()).truncatedTo(ChronoUnit.SECONDS).toString().substring(2).toLowerCase()
				+ "\n";
		System.out.println();
		System.out.println(table);
		System.out.print(notes);
		Path absolute = output.toAbsolutePath();
		Files.createDirectories(absolute.getParent());
		Files.writeString(absolute, machine + "\n" + table + "\n" + notes + took, StandardCharsets.UTF_8);
		System.out.println("written to " + absolute);
	}

	/** The targets in this round's order: rotated by one each round. */
	private static List<Target> order(List<Target> targets, int round) {
		List<Target> rotated = new ArrayList<>(targets);
		Collections.rotate(rotated, -round);
		return rotated;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	static void progress(String line) {
		System.err.println("[" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One measurement of one target. */
	@FunctionalInterface
	interface Measurement {

		void run(Target target) throws Exception;

	}

}

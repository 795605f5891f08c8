package dev.clusteradapter.cluster.supervisor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Worker JVM for the tests: announces itself (a standby as worker 0), then behaves as its
 * first argument says; a standby says when it is adopted.
 * <ul>
 * <li>{@code run} (default): waits, leaving when the primary is gone or asks it to stop (it
 * prints why);</li>
 * <li>{@code exit}: exits at once with status 3;</li>
 * <li>{@code ignore-term}: as {@code run}, but a shutdown hook never returns, so neither a
 * stop request nor SIGTERM ends it;</li>
 * <li>{@code log-on-stop}: as {@code run}, and a shutdown hook prints
 * {@code worker <id> stopping};</li>
 * <li>{@code burst}: prints 2000 numbered lines and exits;</li>
 * <li>{@code spawn-child}: starts a {@code sleep} process, prints its pid, then as
 * {@code run}.</li>
 * </ul>
 */
public final class TestWorkerMain {

	private TestWorkerMain() {
	}

	public static void main(String[] args) throws Exception {
		String mode = (args.length > 0) ? args[0] : "run";
		int id = WorkerEnvironment.workerId().orElse(0);
		String secret = System.getenv(WorkerEnvironment.IPC_SECRET);
		System.out.println("worker " + id + " started pid " + ProcessHandle.current().pid() + " primary "
				+ System.getenv(WorkerEnvironment.PRIMARY_PID) + " secret-sha "
				+ ((secret != null) ? sha256(secret) : "none"));
		switch (mode) {
			case "exit" -> {
				System.err.println("worker " + id + " exiting at once");
				System.exit(3);
			}
			case "burst" -> {
				for (int i = 0; i < 2000; i++) {
					System.out.println("line " + i);
				}
				System.out.print("last line without newline");
				System.out.flush();
				System.exit(0);
			}
			case "ignore-term" -> Runtime.getRuntime().addShutdownHook(new Thread(TestWorkerMain::blockForever));
			case "log-on-stop" -> Runtime.getRuntime()
				.addShutdownHook(new Thread(() -> System.out.println("worker " + id + " stopping")));
			case "spawn-child" -> {
				Process child = new ProcessBuilder("sleep", "600").start();
				System.out.println("child pid " + child.pid());
			}
			default -> {
			}
		}
		ParentWatch.start((reason) -> {
			System.out.println("worker " + id + " leaves: " + reason.name().toLowerCase(Locale.ROOT).replace('_', ' '));
			System.exit(0);
		}, (adopted) -> System.out.println("standby adopted as worker " + adopted), Duration.ofSeconds(5));
		blockForever();
	}

	private static void blockForever() {
		try {
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static String sha256(String text) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

}

package dev.clusteradapter.cluster.supervisor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Application for the tests: as a primary, supervises two workers of itself that run
 * {@link TestWorkerMain}, prints {@code started <id> <pid>} for each launch, and stops
 * them from a shutdown hook, as Spring's lifecycle does on SIGTERM.
 */
public final class TestPrimaryMain {

	private TestPrimaryMain() {
	}

	public static void main(String[] args) throws Exception {
		// one application, two roles: as in a Spring Boot application, workers run this
		// same main class (or jar)
		if (WorkerEnvironment.isForkedWorker()) {
			TestWorkerMain.main(args);
			return;
		}
		WorkerCommand command = WorkerCommand.ofCurrentJvm(TestPrimaryMain.class.getName(), WorkerJvm.OPTIONS,
				List.of(args));
		WorkerSupervisor supervisor = new WorkerSupervisor(SupervisorOptions.builder(command)
			.workers(2)
			.gracePeriod(Duration.ofSeconds(5))
			.listener(new WorkerListener() {

				@Override
				public void started(int id, long pid) {
					System.out.println("started " + id + " " + pid);
				}

			})
			.build());
		Runtime.getRuntime().addShutdownHook(new Thread(supervisor::stop));
		supervisor.start();
		new CountDownLatch(1).await();
	}

}

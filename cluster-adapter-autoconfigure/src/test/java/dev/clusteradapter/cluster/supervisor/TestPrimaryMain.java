package dev.clusteradapter.cluster.supervisor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Primary JVM for the tests: supervises two {@link TestWorkerMain} workers, prints
 * {@code started <id> <pid>} for each launch, and stops them from a shutdown hook, as
 * Spring's lifecycle does on SIGTERM.
 */
public final class TestPrimaryMain {

	private TestPrimaryMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		WorkerCommand command = WorkerCommand.ofCurrentJvm(TestWorkerMain.class.getName(), WorkerJvm.OPTIONS,
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

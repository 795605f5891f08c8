package dev.clusteradapter.cluster.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.clusteradapter.cluster.server.AskedClient.Answer;

/**
 * Two workers over the real IPC (requests time out after 5 s), and the official Java
 * clients a test connects to them, closed after each test.
 */
abstract class TwoIpcWorkersTests {

	static final Duration SETTLED = Duration.ofSeconds(10);

	IpcWorkers cluster;

	IpcWorkers.Worker w1;

	IpcWorkers.Worker w2;

	final List<AskedClient> clients = new ArrayList<>();

	/**
	 * The workers of a test: over IPC here; over Redis in the subclasses that run a suite
	 * across hosts.
	 * @return the workers, none started yet
	 */
	IpcWorkers newCluster() {
		return new IpcWorkers(Duration.ofSeconds(5));
	}

	@BeforeEach
	void startWorkers() {
		this.cluster = newCluster();
		this.w1 = this.cluster.start();
		this.w2 = this.cluster.start();
	}

	@AfterEach
	void stopWorkers() {
		this.clients.forEach(AskedClient::close);
		this.cluster.close();
	}

	AskedClient client(IpcWorkers.Worker worker, String nsp, Answer answer) {
		AskedClient client = AskedClient.connect(worker.url(nsp), answer);
		this.clients.add(client);
		return client;
	}

}

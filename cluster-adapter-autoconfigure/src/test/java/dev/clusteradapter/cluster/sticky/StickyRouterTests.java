package dev.clusteradapter.cluster.sticky;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StickyRouter}: two real netty-socketio workers behind a real router,
 * driven by the official Java client, in both modes.
 */
class StickyRouterTests {

	@TempDir
	Path handoverDir;

	private final List<TestWorker> workers = new CopyOnWriteArrayList<>();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private TestClients clients = new TestClients();

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		this.clients.close();
		for (TestWorker worker : this.workers) {
			worker.close();
		}
	}

	private InetSocketAddress startCluster(StickyMode mode, LoadBalancing loadBalancing, int workerCount)
			throws Exception {
		for (int i = 1; i <= workerCount; i++) {
			this.workers.add(new TestWorker(i, this.handoverDir));
		}
		StickyRouter router = new StickyRouter(
				StickyRouterOptions.of("127.0.0.1", 0).withMode(mode).withLoadBalancing(loadBalancing),
				() -> this.workers.stream().map(TestWorker::endpoint).toList(), RouterMetrics.NONE);
		this.closeables.add(0, router);
		return router.start();
	}

	private Socket connect(InetSocketAddress router, String... transports) {
		Socket socket = this.clients.connect(router, transports);
		this.closeables.add(socket::close);
		return socket;
	}

	@ParameterizedTest
	@EnumSource(names = { "HANDOVER", "RELAY" })
	void pollingClientStaysOnItsWorkerForManyRoundTrips(StickyMode mode) throws Exception {
		InetSocketAddress router = startCluster(mode, LoadBalancing.ROUND_ROBIN, 2);
		for (int c = 0; c < 4; c++) {
			Socket socket = connect(router, Polling.NAME);
			JSONObject first = TestClients.whoami(socket);
			assertThat(SessionIdCodec.workerOf(first.getString("id"))).hasValue(first.getInt("worker"));
			for (int i = 0; i < 25; i++) {
				JSONObject again = TestClients.whoami(socket);
				assertThat(again.getInt("worker")).isEqualTo(first.getInt("worker"));
				assertThat(again.getString("id")).isEqualTo(first.getString("id"));
			}
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "HANDOVER", "RELAY" })
	void webSocketOnlyClientConnectsAndEchoes(StickyMode mode) throws Exception {
		InetSocketAddress router = startCluster(mode, LoadBalancing.ROUND_ROBIN, 2);
		Socket socket = connect(router, WebSocket.NAME);
		assertThat(TestClients.call(socket, "echo", "hello")).isEqualTo("hello");
		JSONObject who = TestClients.whoami(socket);
		assertThat(SessionIdCodec.workerOf(who.getString("id"))).hasValue(who.getInt("worker"));
	}

}

package dev.clusteradapter.cluster.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.namespace.Namespace;

import dev.clusteradapter.cluster.adapter.AdapterMetrics;
import dev.clusteradapter.cluster.adapter.ClusterAdapter;
import dev.clusteradapter.cluster.adapter.ClusterStoreFactory;
import dev.clusteradapter.cluster.ipc.IpcClient;
import dev.clusteradapter.cluster.ipc.IpcEndpoint;
import dev.clusteradapter.cluster.ipc.IpcHub;
import dev.clusteradapter.cluster.ipc.IpcOptions;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.ipc.IpcTransport;

import static org.awaitility.Awaitility.await;

/**
 * Worker servers of one cluster in this JVM, over the real IPC (a hub on a Unix socket where
 * the native transport is available, else loopback TCP): each worker has its IPC link, its
 * adapter and a {@link ClusteredSocketIOServer} on an ephemeral loopback port serving {@code "/"}
 * and {@code "/chat"}, where the event {@code "join"} (room, ack) joins a room.
 */
final class IpcWorkers implements AutoCloseable {

	private final IpcOptions options;

	private final IpcHub hub;

	private final IpcEndpoint endpoint;

	private final Duration requestsTimeout;

	private final List<Worker> workers = new CopyOnWriteArrayList<>();

	IpcWorkers(Duration requestsTimeout) {
		this.requestsTimeout = requestsTimeout;
		this.options = IpcOptions.builder(IpcSecret.generate())
			.transport(IpcTransport.AUTO.resolve())
			.host("127.0.0.1")
			.heartbeatInterval(Duration.ofMillis(200))
			.build();
		this.hub = new IpcHub(this.options);
		try {
			this.endpoint = this.hub.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts a worker and waits until every worker knows every other. */
	Worker start() {
		Worker worker = new Worker(new IpcClient(this.endpoint, this.options), this.requestsTimeout);
		this.workers.add(worker);
		int count = this.workers.size();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.workers.stream().allMatch((w) -> w.adapter.serverCount() == count));
		return worker;
	}

	@Override
	public void close() {
		this.workers.forEach(Worker::close);
		this.hub.stop();
	}

	/** One worker: IPC link, adapter, server. */
	static final class Worker {

		final IpcClient link;

		final ClusterAdapter adapter;

		final ClusteredSocketIOServer server;

		private volatile boolean closed;

		private Worker(IpcClient link, Duration requestsTimeout) {
			this.link = link;
			this.adapter = new ClusterAdapter(link, requestsTimeout, AdapterMetrics.NONE);
			Configuration configuration = ClusteredSocketIOServer.newConfiguration();
			configuration.setHostname("127.0.0.1");
			configuration.setPort(0);
			configuration.setBossThreads(1);
			configuration.setWorkerThreads(2);
			configuration.setStoreFactory(new ClusterStoreFactory(this.adapter));
			this.server = new ClusteredSocketIOServer(configuration, false);
			addJoin(this.server.getNamespace(""));
			addJoin(this.server.addNamespace("/chat"));
			try {
				link.connect().get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Worker cannot link to the hub", ex);
			}
			this.server.start();
		}

		private static void addJoin(SocketIONamespace namespace) {
			namespace.addEventListener("join", String.class, (client, room, ack) -> {
				client.joinRoom(room);
				ack.sendAckData(true);
			});
		}

		String url(String nsp) {
			return "http://127.0.0.1:" + this.server.getPort() + ("/".equals(nsp) ? "" : nsp);
		}

		/** netty-socketio's own namespace, whatever the server returns. */
		Namespace nettyNamespace(String name) {
			return (Namespace) ((ClusteredSocketIONamespace) this.server.getNamespace(name)).delegate();
		}

		/** The worker dies: its link drops first, as when its process is killed, then its clients. */
		void kill() {
			this.closed = true;
			this.link.close();
			this.server.stop();
			this.adapter.close();
		}

		private void close() {
			if (!this.closed) {
				this.closed = true;
				this.server.stop();
				this.adapter.close();
				this.link.close();
			}
		}

	}

}

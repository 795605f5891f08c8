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
import dev.clusteradapter.cluster.adapter.SocketIoCluster;
import dev.clusteradapter.cluster.ipc.IpcClient;
import dev.clusteradapter.cluster.ipc.IpcEndpoint;
import dev.clusteradapter.cluster.ipc.IpcHub;
import dev.clusteradapter.cluster.ipc.IpcOptions;
import dev.clusteradapter.cluster.ipc.IpcSecret;
import dev.clusteradapter.cluster.ipc.IpcTransport;
import dev.clusteradapter.cluster.redis.RedisConnections;
import dev.clusteradapter.cluster.redis.RedisMetrics;
import dev.clusteradapter.cluster.redis.RedisMode;
import dev.clusteradapter.cluster.redis.RedisServerProcess;
import dev.clusteradapter.cluster.redis.RedisTransport;
import dev.clusteradapter.cluster.redis.RedisTransports;

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

	/** Where the adapters meet instead of the hub, or {@code null} for the IPC bus. */
	private final RedisServerProcess redis;

	private final RedisMode mode;

	IpcWorkers(Duration requestsTimeout) {
		this(requestsTimeout, null, null);
	}

	/**
	 * Workers whose adapters meet on a Redis of their own, as workers of several hosts would;
	 * their IPC links to the hub stay (as under a primary).
	 * @param requestsTimeout the adapters' requests timeout
	 * @param mode the Redis wire
	 */
	IpcWorkers(Duration requestsTimeout, RedisMode mode) {
		this(requestsTimeout, RedisServerProcess.started(), mode);
	}

	private IpcWorkers(Duration requestsTimeout, RedisServerProcess redis, RedisMode mode) {
		this.redis = redis;
		this.mode = mode;
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
		IpcClient link = new IpcClient(this.endpoint, this.options);
		Worker worker = (this.redis != null) ? new Worker(link, RedisTransports.connect(this.redis), this.mode, this.requestsTimeout)
				: new Worker(link, null, null, this.requestsTimeout);
		this.workers.add(worker);
		int count = this.workers.size();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.workers.stream().allMatch((w) -> w.adapter.serverCount() == count));
		return worker;
	}

	/**
	 * How soon after a worker dies its peers stop waiting for it: at once over IPC (the hub
	 * tells them), after the heartbeat timeout over Redis.
	 * @return the bound
	 */
	Duration peerLossBound() {
		return (this.redis != null) ? Duration.ofMillis(2500) : Duration.ofSeconds(1);
	}

	/**
	 * Whether netty-socketio's namespaces hold other workers' room members (IPC replicates
	 * memberships; over Redis each receiver filters by its own rooms, as Socket.IO's Redis
	 * adapter does).
	 * @return whether memberships are replicated
	 */
	boolean replicatesMemberships() {
		return this.redis == null;
	}

	/** Waits until the cluster counts a room's members, whatever the transport. */
	void awaitRoomMembers(Worker asking, String nsp, String room, int members) {
		SocketIoCluster cluster = new SocketIoCluster(asking.adapter);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> cluster.of(nsp).in(room).fetchSockets().get(5, TimeUnit.SECONDS).size() == members);
	}

	@Override
	public void close() {
		this.workers.forEach(Worker::close);
		this.hub.stop();
		if (this.redis != null) {
			this.redis.close();
		}
	}

	/** One worker: IPC link, adapter, server. */
	static final class Worker {

		final IpcClient link;

		final ClusterAdapter adapter;

		final ClusteredSocketIOServer server;

		private volatile boolean closed;

		/** The Redis transport carrying the adapter, or {@code null} over IPC. */
		private final RedisTransport redis;

		private final RedisConnections redisLink;

		private Worker(IpcClient link, RedisConnections redisLink, RedisMode mode, Duration requestsTimeout) {
			this.link = link;
			this.redisLink = redisLink;
			this.redis = (redisLink != null)
					? RedisTransports.start(RedisTransports.options(mode, true), redisLink, RedisMetrics.NONE) : null;
			this.adapter = (redis != null) ? new ClusterAdapter(redis, requestsTimeout, AdapterMetrics.NONE)
					: new ClusterAdapter(link, requestsTimeout, AdapterMetrics.NONE);
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
			if (this.redis != null) {
				// its Redis connections drop without a goodbye: the peers notice its silence
				this.redisLink.close();
			}
			this.server.stop();
			this.adapter.close();
			closeRedis();
		}

		private void closeRedis() {
			if (this.redis != null) {
				this.redis.close();
			}
		}

		/** The worker stops gracefully: its server, then its adapter, then its link. */
		void stop() {
			close();
		}

		private void close() {
			if (!this.closed) {
				this.closed = true;
				this.server.stop();
				this.adapter.close();
				this.link.close();
				closeRedis();
			}
		}

	}

}

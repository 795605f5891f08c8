package dev.clusteradapter.cluster.adapter;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.SocketIOServer;
import io.netty.channel.ChannelFuture;

import dev.clusteradapter.cluster.server.ClusteredSocketIOServer;

/**
 * A test node: a bus node, its adapter and {@link SocketIoCluster}, and (for a worker) a real
 * netty-socketio server on an ephemeral loopback port serving "/" and "/chat", with events
 * "join" (room, ack), "leave" (room, ack) and "set" ({key: value}, ack).
 */
final class ClusterNode implements AutoCloseable {

	final InMemoryClusterBus.Node bus;

	final ClusterAdapter adapter;

	final SocketIoCluster cluster;

	final SocketIOServer server;

	final int port;

	private final AutoCloseable transport;

	private ClusterNode(InMemoryClusterBus hub, InMemoryClusterBus.Node bus, Duration timeout, AdapterMetrics metrics, boolean withServer) {
		this(bus, new ClusterAdapter(bus, timeout, metrics), () -> {
		}, withServer);
		hub.connect(bus);
	}

	private ClusterNode(InMemoryClusterBus.Node bus, ClusterAdapter adapter, AutoCloseable transport, boolean withServer) {
		this.bus = bus;
		this.adapter = adapter;
		this.transport = transport;
		this.cluster = new SocketIoCluster(this.adapter);
		if (withServer) {
			// the product's server and configuration: its pipeline writes encoded events
			Configuration config = ClusteredSocketIOServer.newConfiguration();
			config.setHostname("127.0.0.1");
			config.setPort(0);
			config.setBossThreads(1);
			config.setWorkerThreads(2);
			config.setStoreFactory(new ClusterStoreFactory(this.adapter));
			this.server = new ClusteredSocketIOServer(config, false);
			addHandlers(this.server.getNamespace(""));
			addHandlers(this.server.addNamespace("/chat"));
			ChannelFuture bound = (ChannelFuture) this.server.startAsync().syncUninterruptibly();
			this.port = ((InetSocketAddress) bound.channel().localAddress()).getPort();
		}
		else {
			this.server = null;
			this.port = -1;
		}
	}

	/**
	 * A node over another transport (Redis) than the in-memory bus.
	 * @param transport the transport, closed with the node
	 * @param withServer whether it serves clients
	 */
	static <T extends AdapterTransport & AutoCloseable> ClusterNode over(T transport, boolean withServer) {
		return new ClusterNode(null, new ClusterAdapter(transport, ClusterAdapter.DEFAULT_REQUESTS_TIMEOUT, AdapterMetrics.NONE),
				transport, withServer);
	}

	static ClusterNode worker(InMemoryClusterBus hub, int id) {
		return worker(hub, id, AdapterMetrics.NONE);
	}

	static ClusterNode worker(InMemoryClusterBus hub, int id, AdapterMetrics metrics) {
		return new ClusterNode(hub, hub.node(id), ClusterAdapter.DEFAULT_REQUESTS_TIMEOUT, metrics, true);
	}

	static ClusterNode primary(InMemoryClusterBus hub) {
		return new ClusterNode(hub, hub.node(0), ClusterAdapter.DEFAULT_REQUESTS_TIMEOUT, AdapterMetrics.NONE, false);
	}

	@SuppressWarnings("unchecked")
	private static void addHandlers(SocketIONamespace namespace) {
		namespace.addEventListener("join", String.class, (client, room, ack) -> {
			client.joinRoom(room);
			ack.sendAckData(true);
		});
		namespace.addEventListener("leave", String.class, (client, room, ack) -> {
			client.leaveRoom(room);
			ack.sendAckData(true);
		});
		namespace.addEventListener("set", Map.class, (client, entries, ack) -> {
			((Map<String, Object>) entries).forEach(client::set);
			ack.sendAckData(true);
		});
	}

	@Override
	public void close() {
		if (this.server != null) {
			this.server.stop();
		}
		this.adapter.close();
		try {
			this.transport.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}

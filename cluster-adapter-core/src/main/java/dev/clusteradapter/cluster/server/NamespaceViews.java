package dev.clusteradapter.cluster.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.corundumstudio.socketio.SocketIONamespace;

import dev.clusteradapter.cluster.adapter.ClusterAdapter;
import dev.clusteradapter.cluster.adapter.SocketIoCluster;

/**
 * The cluster-aware views of a server's namespaces, one per namespace, made on first use
 * and renewed if netty-socketio replaces the namespace.
 */
final class NamespaceViews {

	private final ClusterAdapter adapter;

	private final SocketIoCluster cluster;

	private final Function<String, SocketIONamespace> lookup;

	private final Map<String, ClusteredSocketIONamespace> views = new ConcurrentHashMap<>();

	/**
	 * Creates the views.
	 * @param adapter the node's adapter
	 * @param lookup netty-socketio's namespace of a netty name ({@code ""} for the default)
	 */
	NamespaceViews(ClusterAdapter adapter, Function<String, SocketIONamespace> lookup) {
		this.adapter = adapter;
		this.cluster = new SocketIoCluster(adapter);
		this.lookup = lookup;
	}

	SocketIoCluster cluster() {
		return this.cluster;
	}

	int nodeId() {
		return this.adapter.nodeId();
	}

	/**
	 * The Engine.IO session of the socket that took over a session with this id (connection
	 * state recovery keeps the socket's id; netty-socketio knows it by its new session).
	 * @param nsp the namespace, socket.io style
	 * @param socketId the id
	 * @return the session, or {@code null}
	 */
	UUID restoredSession(String nsp, UUID socketId) {
		return this.adapter.recovery().sessionOf(nsp, socketId.toString());
	}

	Duration requestsTimeout() {
		return this.adapter.requestsTimeout();
	}

	/** The view of a netty-socketio namespace, {@code null} for {@code null}. */
	ClusteredSocketIONamespace view(SocketIONamespace namespace) {
		if (namespace == null || namespace instanceof ClusteredSocketIONamespace) {
			return (ClusteredSocketIONamespace) namespace;
		}
		return this.views.compute(namespace.getName(),
				(name, view) -> (view != null && view.delegate() == namespace) ? view
						: new ClusteredSocketIONamespace(namespace, this));
	}

	Collection<SocketIONamespace> views(Collection<SocketIONamespace> namespaces) {
		List<SocketIONamespace> result = new ArrayList<>(namespaces.size());
		namespaces.forEach((namespace) -> result.add(view(namespace)));
		return result;
	}

	/** The view of a namespace by its socket.io name ({@code "/"}, {@code "/chat"}), or {@code null}. */
	SocketIONamespace namespace(String nsp) {
		return view(this.lookup.apply(RemoteSocketIOClient.nettyName(nsp)));
	}

	void forget(String nettyName) {
		this.views.remove(nettyName);
	}

	/** socket.io's name of a netty-socketio namespace. */
	static String socketIoName(String nettyName) {
		return (nettyName == null || nettyName.isEmpty()) ? "/" : nettyName;
	}

}

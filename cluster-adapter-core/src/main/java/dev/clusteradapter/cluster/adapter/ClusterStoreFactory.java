package dev.clusteradapter.cluster.adapter;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.handler.AuthorizeHandler;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.corundumstudio.socketio.store.Store;
import com.corundumstudio.socketio.store.StoreFactory;
import com.corundumstudio.socketio.store.pubsub.PubSubStore;

import dev.clusteradapter.cluster.socketio.EncodedEventsAware;

/**
 * netty-socketio {@link StoreFactory} that makes a server's broadcasts, room operations and
 * joins/leaves cluster-wide through a {@link ClusterAdapter}. Set it with
 * {@link Configuration#setStoreFactory(StoreFactory)}; one factory per server.
 */
public final class ClusterStoreFactory implements StoreFactory, EncodedEventsAware {

	private final ClusterAdapter adapter;

	private final ClusterPubSubStore pubSubStore;

	/**
	 * Creates a factory for the server of this node.
	 * @param adapter the node's adapter
	 */
	public ClusterStoreFactory(ClusterAdapter adapter) {
		this.adapter = adapter;
		this.pubSubStore = new ClusterPubSubStore(adapter);
	}

	/**
	 * Adapter of the node this factory serves.
	 * @return the adapter
	 */
	public ClusterAdapter adapter() {
		return this.adapter;
	}

	@Override
	public PubSubStore pubSubStore() {
		return this.pubSubStore;
	}

	@Override
	public <K, V> Map<K, V> createMap(String name) {
		return new ConcurrentHashMap<>();
	}

	/** Sessions are sticky: a session's store lives, and dies, with it on its node. */
	@Override
	public Store createStore(UUID sessionId) {
		return new SessionStore();
	}

	@Override
	public void init(NamespacesHub namespacesHub, AuthorizeHandler authorizeHandler, JsonSupport jsonSupport) {
		this.adapter.attach(namespacesHub, jsonSupport);
	}

	/** Broadcasts then reach Engine.IO v4 clients as bytes encoded once for all of them. */
	@Override
	public void encodedEventsWritten() {
		this.adapter.sockets().useEncodedEvents();
	}

	@Override
	public void onDisconnect(ClientHead client) {
	}

	@Override
	public void shutdown() {
	}

	@Override
	public String toString() {
		return "ClusterStoreFactory (sticky session stores, cluster adapter pub/sub on node " + this.adapter.nodeId() + ")";
	}

}

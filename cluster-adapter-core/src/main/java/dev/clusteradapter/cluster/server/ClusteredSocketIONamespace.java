package dev.clusteradapter.cluster.server;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import com.corundumstudio.socketio.AuthTokenListener;
import com.corundumstudio.socketio.BroadcastOperations;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.listener.ConnectListener;
import com.corundumstudio.socketio.listener.DataListener;
import com.corundumstudio.socketio.listener.DisconnectListener;
import com.corundumstudio.socketio.listener.EventInterceptor;
import com.corundumstudio.socketio.listener.MultiTypeEventListener;
import com.corundumstudio.socketio.listener.PingListener;
import com.corundumstudio.socketio.listener.PongListener;
import com.corundumstudio.socketio.namespace.Namespace;

import dev.clusteradapter.cluster.server.ClusteredBroadcastOperations.Part;
import dev.clusteradapter.cluster.socketio.SocketIoNamespaces;

/**
 * A netty-socketio namespace whose broadcast and room operations send with acks to the
 * clients of every worker (see {@link ClusteredBroadcastOperations}); everything else is the
 * namespace's own. What {@link ClusteredSocketIOServer} returns for its namespaces.
 * <p>
 * Not netty-socketio's {@code Namespace} class: code that needs one of its methods outside
 * {@link SocketIONamespace} (such as {@code getRoomClientsInCluster}) gets it from
 * {@link #namespace()}.
 */
public final class ClusteredSocketIONamespace implements SocketIONamespace {

	private final SocketIONamespace delegate;

	private final NamespaceViews namespaces;

	ClusteredSocketIONamespace(SocketIONamespace delegate, NamespaceViews namespaces) {
		this.delegate = delegate;
		this.namespaces = namespaces;
	}

	/** netty-socketio's namespace. */
	SocketIONamespace delegate() {
		return this.delegate;
	}

	/**
	 * netty-socketio's own namespace behind this view. Its broadcast operations reach the
	 * clients of every worker without acknowledgements, and this worker's only with them.
	 * @return the namespace
	 */
	public Namespace namespace() {
		return SocketIoNamespaces.nettyNamespace(this.delegate);
	}

	Part part(String... rooms) {
		return Part.of(this.namespaces.cluster(), NamespaceViews.socketIoName(getName()), rooms);
	}

	@Override
	public String getName() {
		return this.delegate.getName();
	}

	@Override
	public BroadcastOperations getBroadcastOperations() {
		return new ClusteredBroadcastOperations(this.delegate.getBroadcastOperations(), List.of(part()), this.namespaces);
	}

	@Override
	public BroadcastOperations getRoomOperations(String room) {
		return new ClusteredBroadcastOperations(this.delegate.getRoomOperations(room), List.of(part(room)),
				this.namespaces);
	}

	@Override
	public BroadcastOperations getRoomOperations(String... rooms) {
		return new ClusteredBroadcastOperations(this.delegate.getRoomOperations(rooms), List.of(part(rooms)),
				this.namespaces);
	}

	@Override
	public Collection<SocketIOClient> getAllClients() {
		return this.delegate.getAllClients();
	}

	/**
	 * A client of this worker by its Socket.IO id: its session id, or the id it had before
	 * connection state recovery restored it (see {@code SocketIoCluster#socketId}).
	 * @param uuid the id
	 * @return the client, or {@code null}
	 */
	@Override
	public SocketIOClient getClient(UUID uuid) {
		SocketIOClient client = this.delegate.getClient(uuid);
		if (client != null || uuid == null) {
			return client;
		}
		UUID restored = this.namespaces.restoredSession(NamespaceViews.socketIoName(getName()), uuid);
		return (restored != null) ? this.delegate.getClient(restored) : null;
	}

	@Override
	public void addAuthTokenListener(AuthTokenListener listener) {
		this.delegate.addAuthTokenListener(listener);
	}

	@Override
	public void addMultiTypeEventListener(String eventName, MultiTypeEventListener listener, Class<?>... eventClass) {
		this.delegate.addMultiTypeEventListener(eventName, listener, eventClass);
	}

	@Override
	public <T> void addEventListener(String eventName, Class<T> eventClass, DataListener<T> listener) {
		this.delegate.addEventListener(eventName, eventClass, listener);
	}

	@Override
	public void addEventInterceptor(EventInterceptor eventInterceptor) {
		this.delegate.addEventInterceptor(eventInterceptor);
	}

	@Override
	public void addDisconnectListener(DisconnectListener listener) {
		this.delegate.addDisconnectListener(listener);
	}

	@Override
	public void addConnectListener(ConnectListener listener) {
		this.delegate.addConnectListener(listener);
	}

	@Override
	@Deprecated
	@SuppressWarnings("deprecation")
	public void addPingListener(PingListener listener) {
		this.delegate.addPingListener(listener);
	}

	@Override
	public void addPongListener(PongListener listener) {
		this.delegate.addPongListener(listener);
	}

	@Override
	public void addListeners(Object listeners) {
		this.delegate.addListeners(listeners);
	}

	@Override
	public <L> void addListeners(Iterable<L> listeners) {
		this.delegate.addListeners(listeners);
	}

	@Override
	public void addListeners(Object listeners, Class<?> listenersClass) {
		this.delegate.addListeners(listeners, listenersClass);
	}

	@Override
	public void removeAllListeners(String eventName) {
		this.delegate.removeAllListeners(eventName);
	}

	@Override
	public String toString() {
		return "ClusteredSocketIONamespace[" + this.delegate.getName() + "]";
	}

}

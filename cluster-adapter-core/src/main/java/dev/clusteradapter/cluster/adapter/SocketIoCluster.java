package dev.clusteradapter.cluster.adapter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.corundumstudio.socketio.SocketIOClient;

/**
 * socket.io's server-side API across the cluster, in Java idiom: the default namespace's
 * operations here, other namespaces through {@link #of(String)}. Works on a worker (its own
 * sockets and the others') and on a node without a server, such as the primary, which then
 * reaches the workers' sockets only.
 * <pre>
 * cluster.to("game-42").emit("score", score);
 * cluster.in("lobby").fetchSockets().thenAccept(sockets -&gt; ...);
 * cluster.serverSideEmitWithAck("ping-servers").thenAccept(answers -&gt; ...);
 * </pre>
 */
public final class SocketIoCluster {

	private final ClusterAdapter adapter;

	private final Map<String, ClusterNamespace> namespaces = new ConcurrentHashMap<>();

	private final ClusterNamespace defaultNamespace;

	/**
	 * Creates the API over a node's adapter.
	 * @param adapter the adapter
	 */
	public SocketIoCluster(ClusterAdapter adapter) {
		this.adapter = adapter;
		this.defaultNamespace = of("/");
	}

	/**
	 * A namespace.
	 * @param namespace its name, such as {@code "/chat"}; {@code "/"} or {@code ""} for the default
	 * @return the namespace
	 */
	public ClusterNamespace of(String namespace) {
		String name = (namespace == null || namespace.isEmpty()) ? "/"
				: (namespace.startsWith("/") ? namespace : "/" + namespace);
		return this.namespaces.computeIfAbsent(name, (key) -> new ClusterNamespace(this.adapter, key));
	}

	/**
	 * Whether a client of this node came back from a short disconnection with its state
	 * (Socket.IO's {@code socket.recovered}): rooms, data and the events it missed restored
	 * by connection state recovery. Known from the first connect listener on.
	 * @param client a client of this node's server
	 * @return whether it was recovered; {@code false} for a new session, or without recovery
	 */
	public boolean isRecovered(SocketIOClient client) {
		return this.adapter.recovery().isRecovered(client);
	}

	/**
	 * The Socket.IO id of a client, as its client ({@code socket.id}), {@code fetchSockets()}
	 * and every operation addressed to a socket id know it: the id it had before a short
	 * disconnection when connection state recovery restored it (netty-socketio names the
	 * socket by its new Engine.IO session, {@link SocketIOClient#getSessionId()}), its session
	 * id otherwise.
	 * @param client a client of this node's server, or a view of another node's
	 * @return its id
	 */
	public String socketId(SocketIOClient client) {
		return this.adapter.recovery().socketId(client);
	}

	/**
	 * Number of nodes serving clients: live workers, this node included if it has a server.
	 * @return the server count
	 */
	public int serverCount() {
		return this.adapter.serverCount();
	}

	/**
	 * See {@link BroadcastOperator#to(String...)}.
	 * @param rooms the rooms
	 * @return an operator on the default namespace
	 */
	public BroadcastOperator to(String... rooms) {
		return this.defaultNamespace.to(rooms);
	}

	/**
	 * See {@link BroadcastOperator#in(String...)}.
	 * @param rooms the rooms
	 * @return an operator on the default namespace
	 */
	public BroadcastOperator in(String... rooms) {
		return this.defaultNamespace.in(rooms);
	}

	/**
	 * See {@link BroadcastOperator#except(String...)}.
	 * @param rooms the rooms
	 * @return an operator on the default namespace
	 */
	public BroadcastOperator except(String... rooms) {
		return this.defaultNamespace.except(rooms);
	}

	/**
	 * See {@link BroadcastOperator#local()}.
	 * @return an operator on the default namespace
	 */
	public BroadcastOperator local() {
		return this.defaultNamespace.local();
	}

	/**
	 * See {@link BroadcastOperator#asVolatile()}.
	 * @return an operator on the default namespace
	 */
	public BroadcastOperator asVolatile() {
		return this.defaultNamespace.asVolatile();
	}

	/**
	 * See {@link BroadcastOperator#timeout(Duration)}.
	 * @param timeout the timeout
	 * @return an operator on the default namespace
	 */
	public BroadcastOperator timeout(Duration timeout) {
		return this.defaultNamespace.timeout(timeout);
	}

	/**
	 * Sends an event to every socket of the default namespace.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, Object... args) {
		this.defaultNamespace.emit(event, args);
	}

	/**
	 * See {@link BroadcastOperator#emitWithAck(String, Object...)}.
	 * @param event the event name
	 * @param args the arguments
	 * @return the answers
	 */
	public CompletableFuture<AckResult> emitWithAck(String event, Object... args) {
		return this.defaultNamespace.emitWithAck(event, args);
	}

	/**
	 * See {@link BroadcastOperator#fetchSockets()}.
	 * @return every socket of the default namespace
	 */
	public CompletableFuture<List<RemoteSocket>> fetchSockets() {
		return this.defaultNamespace.fetchSockets();
	}

	/**
	 * See {@link BroadcastOperator#socketsJoin(String...)}.
	 * @param rooms the rooms
	 * @return completes when every live node applied it
	 */
	public CompletableFuture<Void> socketsJoin(String... rooms) {
		return this.defaultNamespace.socketsJoin(rooms);
	}

	/**
	 * See {@link BroadcastOperator#socketsLeave(String...)}.
	 * @param rooms the rooms
	 * @return completes when every live node applied it
	 */
	public CompletableFuture<Void> socketsLeave(String... rooms) {
		return this.defaultNamespace.socketsLeave(rooms);
	}

	/**
	 * See {@link BroadcastOperator#disconnectSockets(boolean)}.
	 * @param close whether to close the underlying connections too
	 * @return completes when every live node applied it
	 */
	public CompletableFuture<Void> disconnectSockets(boolean close) {
		return this.defaultNamespace.disconnectSockets(close);
	}

	/**
	 * See {@link ClusterNamespace#serverSideEmit(String, Object...)}.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void serverSideEmit(String event, Object... args) {
		this.defaultNamespace.serverSideEmit(event, args);
	}

	/**
	 * See {@link ClusterNamespace#serverSideEmitWithAck(String, Object...)}.
	 * @param event the event name
	 * @param args the arguments
	 * @return one answer per other node
	 */
	public CompletableFuture<List<Object>> serverSideEmitWithAck(String event, Object... args) {
		return this.defaultNamespace.serverSideEmitWithAck(event, args);
	}

	/**
	 * See {@link ClusterNamespace#serverSideEmitWithAck(Duration, String, Object...)}.
	 * @param timeout how long to wait
	 * @param event the event name
	 * @param args the arguments
	 * @return one answer per other node
	 */
	public CompletableFuture<List<Object>> serverSideEmitWithAck(Duration timeout, String event, Object... args) {
		return this.defaultNamespace.serverSideEmitWithAck(timeout, event, args);
	}

	/**
	 * See {@link ClusterNamespace#onServerSideEmit(String, ServerSideEmitHandler)}.
	 * @param event the event name
	 * @param handler the handler
	 */
	public void onServerSideEmit(String event, ServerSideEmitHandler handler) {
		this.defaultNamespace.onServerSideEmit(event, handler);
	}

}

package dev.clusteradapter.cluster.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongFunction;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clusteradapter.cluster.ClusterBus;
import dev.clusteradapter.cluster.adapter.AdapterMessage.AdapterClose;
import dev.clusteradapter.cluster.adapter.AdapterMessage.Broadcast;
import dev.clusteradapter.cluster.adapter.AdapterMessage.DisconnectSockets;
import dev.clusteradapter.cluster.adapter.AdapterMessage.FetchSockets;
import dev.clusteradapter.cluster.adapter.AdapterMessage.ServerSideEmit;
import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketDescription;
import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketsJoin;
import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketsLeave;

/**
 * The cluster adapter of one node: socket.io's adapter semantics over an
 * {@link AdapterTransport} (the IPC bus between workers, or Redis between hosts).
 * Serves {@link SocketIoCluster} and, once a netty-socketio server using
 * {@link ClusterStoreFactory} has started, that server's own broadcasts and rooms. A node
 * without a server (the primary) reaches the workers only.
 */
public final class ClusterAdapter implements AutoCloseable {

	/** Default time to wait for other nodes' answers. */
	public static final Duration DEFAULT_REQUESTS_TIMEOUT = Duration.ofSeconds(5);

	/** How long a stopping node waits for its peers to hold the sessions it hands over. */
	private static final Duration HANDOVER_PATIENCE = Duration.ofSeconds(1);

	private final AdapterTransport transport;

	private final Duration requestsTimeout;

	private final ObjectMapper cbor = AdapterMessageCodec.newCborMapper();

	private final ArgumentCodec arguments;

	private final LocalSockets sockets;

	private final RemoteMemberships memberships;

	private final PendingRequests requests;

	private final ServerSideEmitListeners serverSideListeners = new ServerSideEmitListeners();

	private final ConnectionRecovery recovery = new ConnectionRecovery(this);

	/**
	 * Creates an adapter with the default requests timeout and no metrics.
	 * @param bus the bus to the other nodes
	 */
	public ClusterAdapter(ClusterBus bus) {
		this(bus, DEFAULT_REQUESTS_TIMEOUT, AdapterMetrics.NONE);
	}

	/**
	 * Creates an adapter and registers it on the bus.
	 * @param bus the bus to the other nodes
	 * @param requestsTimeout default time to wait for other nodes' answers
	 * @param metrics receives request timings
	 */
	public ClusterAdapter(ClusterBus bus, Duration requestsTimeout, AdapterMetrics metrics) {
		this(AdapterTransport.overBus(Objects.requireNonNull(bus, "bus")), requestsTimeout, metrics);
	}

	/**
	 * Creates an adapter and registers it on a transport.
	 * @param transport what carries messages to the other nodes
	 * @param requestsTimeout default time to wait for other nodes' answers
	 * @param metrics receives request timings
	 */
	public ClusterAdapter(AdapterTransport transport, Duration requestsTimeout, AdapterMetrics metrics) {
		this.transport = Objects.requireNonNull(transport, "transport");
		this.requestsTimeout = Objects.requireNonNull(requestsTimeout, "requestsTimeout");
		this.arguments = new ArgumentCodec(this.cbor);
		this.sockets = new LocalSockets(this.cbor, this.recovery);
		this.memberships = new RemoteMemberships(this.sockets);
		this.requests = new PendingRequests(Objects.requireNonNull(metrics, "metrics"), transport::newRequestId,
				transport::readsOnCurrentThread);
		transport.addListener(new AdapterReceiver(this));
	}

	/**
	 * Id of this node on the bus.
	 * @return the node id
	 */
	public int nodeId() {
		return this.transport.nodeId();
	}

	/**
	 * Default time to wait for other nodes' answers.
	 * @return the timeout
	 */
	public Duration requestsTimeout() {
		return this.requestsTimeout;
	}

	/**
	 * Number of nodes serving clients: live peer workers, plus this node if it has a server.
	 * @return the server count
	 */
	public int serverCount() {
		return this.transport.peers().size() + (this.sockets.attached() ? 1 : 0);
	}

	/**
	 * Tells the other nodes this adapter is closing (handing them the sessions connection
	 * state recovery kept here) and settles this node's pending requests.
	 */
	@Override
	public void close() {
		try {
			handOverSessions();
		}
		catch (RuntimeException ex) {
			// too large a frame, or the link is down: those clients will start fresh
			org.slf4j.LoggerFactory.getLogger(ClusterAdapter.class)
				.warn("Sessions kept for connection state recovery could not be handed over: {}", ex.toString());
		}
		try {
			send(Scope.cluster(this.transport), new AdapterClose());
		}
		catch (RuntimeException ex) {
			// the link may already be down: the others then learn it from the bus
		}
		finally {
			this.requests.close();
		}
	}

	/**
	 * A stopping node's clients reconnect elsewhere: its kept sessions go there first, and it
	 * waits (a second at most) until its peers hold them.
	 */
	private void handOverSessions() {
		Scope scope = Scope.cluster(this.transport);
		if (!this.recovery.keepsSessions() || scope.peers().isEmpty()) {
			return;
		}
		NodeAnswers<Object, Void> request = this.requests
			.register(nodeAnswers(RequestType.SESSION_HANDOVER, scope, (answers) -> null, true), HANDOVER_PATIENCE);
		AdapterMessage handover = this.recovery.handOver(request.id());
		request.addLocal(List.of());
		if (handover == null) {
			return;
		}
		sendRequest(scope, request, handover);
		try {
			request.future().get(HANDOVER_PATIENCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			// a peer that did not confirm may still have them; the others do
		}
	}

	void attach(NamespacesHub namespaces, JsonSupport jsonSupport) {
		this.arguments.useJsonSupport(jsonSupport);
		this.sockets.attach(namespaces);
		// namespaces added later are served from their first connection (ClusterPubSubStore)
		namespaces.getAllNamespaces().forEach((namespace) -> this.transport.serveNamespace(LocalSockets.socketIoName(namespace.getName())));
		this.memberships.replay();
	}

	/**
	 * Connection state recovery on this node, off until enabled.
	 * @return the recovery
	 */
	public ConnectionRecovery recovery() {
		return this.recovery;
	}

	AdapterTransport transport() {
		return this.transport;
	}

	LocalSockets sockets() {
		return this.sockets;
	}

	ArgumentCodec arguments() {
		return this.arguments;
	}

	RemoteMemberships memberships() {
		return this.memberships;
	}

	PendingRequests requests() {
		return this.requests;
	}

	ServerSideEmitListeners serverSideListeners() {
		return this.serverSideListeners;
	}

	ObjectMapper mapper() {
		return this.cbor;
	}

	void send(Scope scope, AdapterMessage message) {
		if (scope.peers().isEmpty()) {
			return;
		}
		if (scope.everyPeer()) {
			this.transport.publish(message);
		}
		else {
			scope.peers().forEach((node) -> this.transport.send(node, message));
		}
	}

	private void sendRequest(Scope scope, PendingRequest<?> request, AdapterMessage message) {
		try {
			send(scope, message);
		}
		catch (RuntimeException ex) {
			request.fail(ex, RequestOutcome.ERROR);
		}
	}

	void reply(int node, AdapterMessage message) {
		this.transport.send(node, message);
	}

	void broadcast(BroadcastTarget target, Scope scope, String event, List<Object> args) {
		RecoveryOffset offset = this.recovery.offsetFor(target);
		broadcast(target, scope, event, args, (offset != null) ? offset.toString() : null);
	}

	private void broadcast(BroadcastTarget target, Scope scope, String event, List<Object> args, String offset) {
		List<Object> withOffset = args;
		if (offset != null) {
			// socket.io puts the offset last, where its client looks for it
			withOffset = new ArrayList<>(args);
			withOffset.add(offset);
		}
		// encoded once for every node and every local client, as socket.io does
		EncodedArgs encoded = this.arguments.encode(withOffset);
		if (scope.includesSelf() && this.sockets.attached()) {
			this.recovery.deliver(target, event, encoded, offset,
					(skip) -> this.sockets.emit(target, new OutgoingEvent(target.nsp(), event, encoded, this.arguments), skip));
		}
		send(scope, new Broadcast(target, event, encoded, null, null, offset));
	}

	/**
	 * A broadcast already delivered locally by netty-socketio, for the other nodes; not
	 * recoverable, as its local recipients got no offset.
	 */
	void broadcastToPeers(BroadcastTarget target, String event, List<Object> args) {
		broadcast(target, new Scope(false, this.transport.peers(), true), event, args, null);
	}

	/**
	 * Asks the other nodes for a session a client reconnecting here left elsewhere.
	 * @return the session, or {@code null} when no node holds it (or could answer in time)
	 */
	CompletableFuture<AdapterMessage.RestoredSession> restoreSession(String pid, String offset) {
		Scope scope = Scope.cluster(this.transport);
		NodeAnswers<AdapterMessage.RestoredSession, AdapterMessage.RestoredSession> request = this.requests
			.register(nodeAnswers(RequestType.RESTORE_SESSION, scope, ClusterAdapter::firstSession, true),
					this.requestsTimeout);
		request.addLocal(List.of());
		sendRequest(scope, request, new AdapterMessage.RestoreSession(request.id(), pid, offset));
		return request.future();
	}

	private static AdapterMessage.RestoredSession firstSession(List<AdapterMessage.RestoredSession> answers) {
		return answers.stream().filter(Objects::nonNull).findFirst().orElse(null);
	}

	CompletableFuture<AckResult> broadcastWithAck(BroadcastTarget target, Scope scope, String event, List<Object> args,
			Duration timeout) {
		return broadcastWithAck(target, scope, event, args, timeout, null);
	}

	CompletableFuture<AckResult> broadcastWithAck(BroadcastTarget target, Scope scope, String event, List<Object> args,
			Duration timeout, ClientAckListener listener) {
		int self = nodeId();
		Set<Integer> nodes = new HashSet<>(scope.peers());
		if (scope.includesSelf()) {
			nodes.add(self);
		}
		EncodedArgs encoded = this.arguments.encode(args);
		ClientAckNotifier relay = (listener != null) ? new ClientAckNotifier(this, target.nsp(), listener) : null;
		AckCollection.Observer observer = (relay != null) ? relay : AckCollection.Observer.NONE;
		AckCollection request = this.requests.register((id) -> new AckCollection(id, nodes, observer), timeout);
		sendRequest(scope, request, new Broadcast(target, event, encoded, request.id(), timeout.toMillis()));
		List<SocketIOClient> clients = scope.includesSelf() ? this.sockets.match(target) : List.of();
		List<String> socketIds = this.sockets.ids(clients);
		if (relay != null) {
			relay.asking(clients, socketIds);
			// a request that could not be sent settles without its observer knowing
			request.future().whenComplete((result, failure) -> {
				if (failure != null) {
					listener.settled(false);
				}
			});
		}
		request.clients(self, clients.size(), socketIds);
		List<Object> forClients = clients.isEmpty() ? List.of() : this.arguments.forClients(encoded);
		for (int i = 0; i < clients.size(); i++) {
			String socketId = socketIds.get(i);
			this.sockets.emit(clients.get(i), event, forClients, new AckCallback<>(Object.class, ackTimeoutSeconds(timeout.toMillis())) {

				@Override
				public void onSuccess(Object result) {
					request.ack(self, socketId, result, false);
				}

				@Override
				public void onTimeout() {
					request.ack(self, socketId, null, true);
				}

			});
		}
		return request.future();
	}

	/** netty-socketio times acks in whole seconds: round up, so the requester times out first. */
	static int ackTimeoutSeconds(long timeoutMillis) {
		return (int) Math.max(1, (timeoutMillis + 1999) / 1000);
	}

	CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastTarget target, Scope scope, Duration timeout) {
		int self = nodeId();
		NodeAnswers<List<RemoteSocket>, List<RemoteSocket>> request = this.requests
			.register(nodeAnswers(RequestType.FETCH_SOCKETS, scope, ClusterAdapter::flatten, false), timeout);
		request.addLocal(scope.includesSelf() ? List.of(remoteSockets(self, target.nsp(), this.sockets.describe(target))) : List.of());
		sendRequest(scope, request, new FetchSockets(request.id(), target));
		return request.future();
	}

	List<RemoteSocket> remoteSockets(int node, String nsp, List<SocketDescription> descriptions) {
		List<RemoteSocket> result = new ArrayList<>(descriptions.size());
		for (SocketDescription description : descriptions) {
			result.add(RemoteSocket.of(this, node, nsp, description));
		}
		return result;
	}

	CompletableFuture<Void> socketsJoin(BroadcastTarget target, Scope scope, List<String> rooms, Duration timeout) {
		NodeAnswers<Object, Void> request = this.requests
			.register(nodeAnswers(RequestType.SOCKETS_JOIN, scope, (answers) -> null, false), timeout);
		if (scope.includesSelf()) {
			this.sockets.join(target, rooms);
		}
		request.addLocal(List.of());
		sendRequest(scope, request, new SocketsJoin(request.id(), target, rooms));
		return request.future();
	}

	CompletableFuture<Void> socketsLeave(BroadcastTarget target, Scope scope, List<String> rooms, Duration timeout) {
		NodeAnswers<Object, Void> request = this.requests
			.register(nodeAnswers(RequestType.SOCKETS_LEAVE, scope, (answers) -> null, false), timeout);
		if (scope.includesSelf()) {
			this.sockets.leave(target, rooms);
		}
		request.addLocal(List.of());
		sendRequest(scope, request, new SocketsLeave(request.id(), target, rooms));
		return request.future();
	}

	CompletableFuture<Void> disconnectSockets(BroadcastTarget target, Scope scope, boolean close, Duration timeout) {
		NodeAnswers<Object, Void> request = this.requests
			.register(nodeAnswers(RequestType.DISCONNECT_SOCKETS, scope, (answers) -> null, false), timeout);
		if (scope.includesSelf()) {
			this.sockets.disconnect(target, close);
		}
		request.addLocal(List.of());
		sendRequest(scope, request, new DisconnectSockets(request.id(), target, close));
		return request.future();
	}

	void serverSideEmit(String nsp, String event, List<Object> args) {
		Scope scope = Scope.cluster(this.transport);
		if (!scope.peers().isEmpty()) {
			send(scope, new ServerSideEmit(null, nsp, event, this.arguments.encode(args)));
		}
	}

	CompletableFuture<List<Object>> serverSideEmitWithAck(String nsp, String event, List<Object> args, Duration timeout) {
		Scope scope = Scope.cluster(this.transport);
		EncodedArgs encoded = this.arguments.encode(args);
		NodeAnswers<Object, List<Object>> request = this.requests
			.register(nodeAnswers(RequestType.SERVER_SIDE_EMIT, scope, (answers) -> answers, true), timeout);
		request.addLocal(List.of());
		sendRequest(scope, request, new ServerSideEmit(request.id(), nsp, event, encoded));
		return request.future();
	}


	void onServerSideEmit(String nsp, String event, ServerSideEmitHandler handler) {
		this.serverSideListeners.add(nsp, event, handler);
	}

	private static <A, T> LongFunction<NodeAnswers<A, T>> nodeAnswers(RequestType type, Scope scope,
			Function<List<A>, T> result, boolean partialOnTimeout) {
		return (id) -> new NodeAnswers<>(id, type, awaited(type, scope.peers()), result, partialOnTimeout);
	}

	/**
	 * Peers whose answer a request waits for. Joins, leaves, disconnections and session
	 * restorations are answered by this adapter's own peers only (an extension of socket.io's protocol): a peer known
	 * only by count, a Node.js server, applies them without a word.
	 */
	private static Set<Integer> awaited(RequestType type, Set<Integer> peers) {
		boolean operation = type == RequestType.SOCKETS_JOIN || type == RequestType.SOCKETS_LEAVE
				|| type == RequestType.DISCONNECT_SOCKETS || type == RequestType.RESTORE_SESSION
				|| type == RequestType.SESSION_HANDOVER;
		if (!operation) {
			return peers;
		}
		Set<Integer> named = new HashSet<>(peers);
		named.removeIf(AdapterTransport::isUnnamed);
		return named;
	}

	private static List<RemoteSocket> flatten(List<List<RemoteSocket>> answers) {
		List<RemoteSocket> all = new ArrayList<>();
		answers.forEach(all::addAll);
		return all;
	}

}

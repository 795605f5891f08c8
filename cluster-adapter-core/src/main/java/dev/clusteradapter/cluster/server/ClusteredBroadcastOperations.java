package dev.clusteradapter.cluster.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import com.corundumstudio.socketio.BroadcastAckCallback;
import com.corundumstudio.socketio.BroadcastOperations;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clusteradapter.cluster.adapter.BroadcastOperator;
import dev.clusteradapter.cluster.adapter.RemoteSocket;
import dev.clusteradapter.cluster.adapter.SocketIoCluster;
import dev.clusteradapter.cluster.socketio.BroadcastAckCallbacks;

/**
 * netty-socketio's {@link BroadcastOperations} whose broadcasts with acks reach the
 * matching clients of every worker, each client once even when in several target rooms.
 * The callback hears of every client's answer ({@code onClientSuccess}, remote clients as
 * {@link RemoteSocketIOClient} views), of every client that did not answer in time
 * ({@code onClientTimeout}; the clients of a worker that dies, at once), and
 * {@code onAllSuccess} once every matching client on every worker has answered.
 * <p>
 * Everything else goes to netty-socketio's own operations, which already reach every worker
 * through the cluster's store factory; {@link #getClients()} lists this worker's clients.
 */
final class ClusteredBroadcastOperations implements BroadcastOperations {

	private static final Logger logger = LoggerFactory.getLogger(ClusteredBroadcastOperations.class);

	private final BroadcastOperations local;

	private final List<Part> parts;

	private final NamespaceViews namespaces;

	ClusteredBroadcastOperations(BroadcastOperations local, List<Part> parts, NamespaceViews namespaces) {
		this.local = local;
		this.parts = List.copyOf(parts);
		this.namespaces = namespaces;
	}

	@Override
	public Collection<SocketIOClient> getClients() {
		return this.local.getClients();
	}

	@Override
	public void send(Packet packet) {
		this.local.send(packet);
	}

	@Override
	public void disconnect() {
		this.local.disconnect();
	}

	@Override
	public void sendEvent(String name, Object... data) {
		this.local.sendEvent(name, data);
	}

	@Override
	public void sendEvent(String name, SocketIOClient excludedClient, Object... data) {
		this.local.sendEvent(name, excludedClient, data);
	}

	@Override
	public void sendEvent(String name, Predicate<SocketIOClient> excludePredicate, Object... data) {
		this.local.sendEvent(name, excludePredicate, data);
	}

	/**
	 * Sends an event packet to every matching client of every worker.
	 * @throws UnsupportedOperationException for a packet that is not an event
	 */
	@Override
	public <T> void send(Packet packet, BroadcastAckCallback<T> ackCallback) {
		if ((packet.getSubType() != PacketType.EVENT && packet.getSubType() != PacketType.BINARY_EVENT)
				|| packet.getName() == null) {
			throw new UnsupportedOperationException("A broadcast with acks across workers carries events only, not "
					+ packet.getType() + "/" + packet.getSubType());
		}
		emitWithAck(packet.getName(), RemoteSocketIOClient.eventArguments(packet), ackCallback, UnaryOperator.identity());
	}

	@Override
	public <T> void sendEvent(String name, Object data, BroadcastAckCallback<T> ackCallback) {
		emitWithAck(name, new Object[] { data }, ackCallback, UnaryOperator.identity());
	}

	@Override
	public <T> void sendEvent(String name, Object data, SocketIOClient excludedClient,
			BroadcastAckCallback<T> ackCallback) {
		String excluded = excludedClient.getSessionId().toString();
		emitWithAck(name, new Object[] { data }, ackCallback, (operator) -> operator.except(excluded));
	}

	/**
	 * Sends an event to every matching client of every worker that the predicate does not
	 * exclude. The predicate runs here, on every matching client: other workers' clients are
	 * fetched first (one round trip), as {@link RemoteSocketIOClient} views with their handshake, and
	 * only the clients kept then are asked.
	 */
	@Override
	public <T> void sendEvent(String name, Object data, Predicate<SocketIOClient> excludePredicate,
			BroadcastAckCallback<T> ackCallback) {
		BroadcastAckCallbackDriver relay = relay(ackCallback);
		Duration timeout = timeout(ackCallback);
		Object[] args = { data };
		for (Part part : this.parts) {
			part.selection().timeout(timeout).fetchSockets().whenComplete((sockets, failure) -> {
				if (failure != null) {
					relay.settled(false);
					return;
				}
				List<String> kept;
				try {
					kept = kept(part, sockets, excludePredicate, relay);
				}
				catch (RuntimeException ex) {
					// the caller has returned long ago: the callback is all that can still learn of it
					logger.warn("Exclude predicate failed: nobody in {} was asked", part.nsp(), ex);
					relay.settled(false);
					return;
				}
				if (kept.isEmpty()) {
					relay.settled(true);
				}
				else {
					part.everyone().timeout(timeout).to(kept.toArray(String[]::new)).emitWithAck(relay, name, args);
				}
			});
		}
	}

	private List<String> kept(Part part, List<RemoteSocket> sockets, Predicate<SocketIOClient> excludePredicate,
			BroadcastAckCallbackDriver relay) {
		SocketIONamespace namespace = this.namespaces.namespace(part.nsp());
		List<String> kept = new ArrayList<>();
		for (RemoteSocket socket : sockets) {
			SocketIOClient client = (socket.nodeId() == this.namespaces.nodeId())
					? ((namespace != null) ? namespace.getClient(UUID.fromString(socket.id())) : null)
					: relay.view(socket);
			if (client != null && !excludePredicate.test(client)) {
				kept.add(socket.id());
			}
		}
		return kept;
	}

	private <T> void emitWithAck(String name, Object[] args, BroadcastAckCallback<T> ackCallback,
			UnaryOperator<BroadcastOperator> narrowing) {
		BroadcastAckCallbackDriver relay = relay(ackCallback);
		Duration timeout = timeout(ackCallback);
		for (Part part : this.parts) {
			narrowing.apply(part.selection().timeout(timeout)).emitWithAck(relay, name, args);
		}
	}

	private BroadcastAckCallbackDriver relay(BroadcastAckCallback<?> ackCallback) {
		BroadcastAckCallbackDriver relay = new BroadcastAckCallbackDriver(ackCallback, this.parts.size(), this.namespaces::namespace,
				this.namespaces.requestsTimeout());
		if (this.parts.isEmpty()) {
			BroadcastAckCallbacks.allAnswered(ackCallback);
		}
		return relay;
	}

	private Duration timeout(BroadcastAckCallback<?> ackCallback) {
		return BroadcastAckCallbackDriver.timeout(ackCallback, this.namespaces.requestsTimeout());
	}

	/**
	 * The clients of one namespace a broadcast addresses.
	 *
	 * @param nsp namespace, socket.io style
	 * @param everyone every client of the namespace, cluster-wide
	 * @param selection the addressed ones
	 */
	record Part(String nsp, BroadcastOperator everyone, BroadcastOperator selection) {

		static Part of(SocketIoCluster cluster, String nsp, String... rooms) {
			BroadcastOperator everyone = cluster.of(nsp).sockets();
			return new Part(nsp, everyone, (rooms.length == 0) ? everyone : everyone.to(rooms));
		}

	}

}

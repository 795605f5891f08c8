package dev.clusteradapter.cluster.adapter;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.store.pubsub.BulkJoinLeaveMessage;
import com.corundumstudio.socketio.store.pubsub.DispatchMessage;
import com.corundumstudio.socketio.store.pubsub.JoinLeaveMessage;
import com.corundumstudio.socketio.store.pubsub.PubSubListener;
import com.corundumstudio.socketio.store.pubsub.PubSubMessage;
import com.corundumstudio.socketio.store.pubsub.PubSubStore;
import com.corundumstudio.socketio.store.pubsub.PubSubType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clusteradapter.cluster.adapter.AdapterMessage.Membership;

/**
 * netty-socketio's pub/sub, carried by the cluster adapter: room broadcasts
 * ({@link PubSubType#DISPATCH}) become adapter broadcasts, joins and leaves become
 * membership messages. The receiving side is the adapter's, not netty-socketio's
 * {@code BaseStoreFactory} listeners, so {@link #subscribe} has nothing to register.
 */
final class ClusterPubSubStore implements PubSubStore {

	private static final Logger logger = LoggerFactory.getLogger(ClusterPubSubStore.class);

	private final ClusterAdapter adapter;

	ClusterPubSubStore(ClusterAdapter adapter) {
		this.adapter = adapter;
	}

	@Override
	public void publish(PubSubType type, PubSubMessage message) {
		switch (type) {
			case DISPATCH -> dispatch((DispatchMessage) message);
			case JOIN, LEAVE -> {
				JoinLeaveMessage joinLeave = (JoinLeaveMessage) message;
				membership(joinLeave.getNamespace(), joinLeave.getSessionId(), Set.of(joinLeave.getRoom()),
						type == PubSubType.JOIN);
			}
			case BULK_JOIN, BULK_LEAVE -> {
				BulkJoinLeaveMessage bulk = (BulkJoinLeaveMessage) message;
				if (type == PubSubType.BULK_LEAVE) {
					leaving(bulk);
				}
				membership(bulk.getNamespace(), bulk.getSessionId(), bulk.getRooms(), type == PubSubType.BULK_JOIN);
			}
			default -> {
				// sessions are sticky: CONNECT and DISCONNECT concern the owning node only
			}
		}
	}

	/**
	 * netty-socketio leaves every room of a socket that disconnects, in one bulk leave, before
	 * its disconnect listeners run: recovery keeps them for its session.
	 */
	private void leaving(BulkJoinLeaveMessage bulk) {
		String nsp = LocalSockets.socketIoName(bulk.getNamespace());
		if (this.adapter.recovery().enabled() && bulk.getRooms() != null
				&& !this.adapter.sockets().isConnected(nsp, bulk.getSessionId())) {
			this.adapter.recovery().leaving(nsp, bulk.getSessionId(), bulk.getRooms());
		}
	}

	private void dispatch(DispatchMessage message) {
		Packet packet = message.getPacket();
		PacketType subType = packet.getSubType();
		// the origin's encoder may already have marked the shared packet binary
		if (subType != PacketType.EVENT && subType != PacketType.BINARY_EVENT) {
			logger.debug("Not relaying a {} packet", subType);
			return;
		}
		String nsp = LocalSockets.socketIoName(message.getNamespace());
		List<String> rooms = message.getRoom().equals(message.getNamespace()) ? List.of() : List.of(message.getRoom());
		List<Object> args = packet.getData();
		this.adapter.broadcastToPeers(new BroadcastTarget(nsp, rooms, List.of(), false), packet.getName(), args);
	}

	private void membership(String namespace, UUID sessionId, Set<String> rooms, boolean join) {
		if (rooms == null || rooms.isEmpty()) {
			return;
		}
		localRooms(namespace, sessionId, rooms);
		if (!this.adapter.transport().replicatesMemberships()) {
			return;
		}
		this.adapter.send(Scope.cluster(this.adapter.transport()), new Membership(LocalSockets.socketIoName(namespace),
				sessionId.toString(), List.copyOf(rooms), join));
	}

	/**
	 * Tells the transport which local rooms changed. netty-socketio puts every socket of a
	 * namespace in a room named after the namespace (joined at connection, left at
	 * disconnection): that one stands for the socket's own id room, as socket.io has it.
	 */
	private void localRooms(String namespace, UUID sessionId, Set<String> rooms) {
		String nsp = LocalSockets.socketIoName(namespace);
		this.adapter.transport().serveNamespace(nsp);
		Set<String> changed = new java.util.LinkedHashSet<>();
		for (String room : rooms) {
			changed.add(room.equals(namespace) ? sessionId.toString() : room);
		}
		LocalSockets sockets = this.adapter.sockets();
		this.adapter.transport().localRooms(nsp, changed, (room) -> room.equals(sessionId.toString())
				? sockets.isConnected(nsp, sessionId) : sockets.hasRoom(nsp, room));
	}

	@Override
	public <T extends PubSubMessage> void subscribe(PubSubType type, PubSubListener<T> listener, Class<T> clazz) {
	}

	@Override
	public void unsubscribe(PubSubType type) {
	}

	@Override
	public void shutdown() {
	}

}

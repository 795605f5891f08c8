package dev.clusteradapter.cluster.adapter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.transport.NamespaceClient;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketDescription;
import dev.clusteradapter.cluster.socketio.EncodedEventPacket;
import dev.clusteradapter.cluster.socketio.GatheredWrites;

/**
 * The sockets this node serves, through netty-socketio's namespaces; empty on a node
 * without a server (the primary).
 */
final class LocalSockets {

	private final SocketSnapshots snapshots;

	private final ConnectionRecovery recovery;

	private volatile NamespacesHub namespaces;

	private volatile boolean encodedEvents;

	LocalSockets(ObjectMapper cbor, ConnectionRecovery recovery) {
		this.snapshots = new SocketSnapshots(cbor);
		this.recovery = recovery;
	}

	/**
	 * A local client's Socket.IO id: the one it had before, when connection state recovery
	 * restored it, its session id otherwise.
	 */
	String id(SocketIOClient client) {
		return this.recovery.socketId(client);
	}

	/** The Socket.IO ids of local clients, in their order. */
	List<String> ids(List<SocketIOClient> clients) {
		List<String> ids = new ArrayList<>(clients.size());
		clients.forEach((client) -> ids.add(id(client)));
		return ids;
	}

	void attach(NamespacesHub namespaces) {
		this.namespaces = namespaces;
	}

	/** The server's pipeline writes {@link dev.clusteradapter.cluster.socketio.EncodedEventPacket}s. */
	void useEncodedEvents() {
		this.encodedEvents = true;
	}

	boolean attached() {
		return this.namespaces != null;
	}

	/** netty-socketio names the default namespace {@code ""}, socket.io {@code "/"}. */
	static String nettyName(String nsp) {
		return ("/".equals(nsp) || nsp == null) ? Namespace.DEFAULT_NAME : nsp;
	}

	static String socketIoName(String nettyName) {
		return (nettyName == null || nettyName.isEmpty()) ? "/" : nettyName;
	}

	Namespace namespace(String nsp) {
		NamespacesHub hub = this.namespaces;
		return (hub != null) ? hub.get(nettyName(nsp)) : null;
	}

	/** Whether a session is connected to a namespace on this node. */
	boolean isConnected(String nsp, UUID sessionId) {
		Namespace namespace = namespace(nsp);
		return namespace != null && namespace.getClient(sessionId) != null;
	}

	/** A client connected to a namespace on this node, or {@code null}. */
	SocketIOClient client(String nsp, UUID sessionId) {
		Namespace namespace = namespace(nsp);
		return (namespace != null) ? namespace.getClient(sessionId) : null;
	}

	/** Whether a room of a namespace has a member on this node. */
	boolean hasRoom(String nsp, String room) {
		Namespace namespace = namespace(nsp);
		return namespace != null && namespace.getRooms().contains(room);
	}

	Collection<Namespace> allNamespaces() {
		NamespacesHub hub = this.namespaces;
		List<Namespace> result = new ArrayList<>();
		if (hub != null) {
			hub.getAllNamespaces().forEach((namespace) -> result.add((Namespace) namespace));
		}
		return result;
	}

	/** Clients matching a target, each once even when in several target rooms. */
	List<SocketIOClient> match(BroadcastTarget target) {
		Namespace namespace = namespace(target.nsp());
		if (namespace == null) {
			return List.of();
		}
		Collection<SocketIOClient> candidates;
		if (target.rooms().isEmpty()) {
			candidates = namespace.getAllClients();
		}
		else {
			Map<UUID, SocketIOClient> union = new LinkedHashMap<>();
			for (String room : target.rooms()) {
				members(target.nsp(), namespace, room).forEach((client) -> union.putIfAbsent(client.getSessionId(), client));
			}
			candidates = union.values();
		}
		Set<UUID> excluded = new HashSet<>();
		for (String room : target.except()) {
			members(target.nsp(), namespace, room).forEach((client) -> excluded.add(client.getSessionId()));
		}
		List<SocketIOClient> result = new ArrayList<>(candidates.size());
		for (SocketIOClient client : candidates) {
			if ((excluded.isEmpty() || !excluded.contains(client.getSessionId()))
					&& (!target.volatileOnly() || client.isWritable())) {
				result.add(client);
			}
		}
		return result;
	}

	/**
	 * Members of a room; a socket id is a room holding that socket alone, as in socket.io,
	 * whether it names the socket's session or the socket that recovery restored under it.
	 */
	private Iterable<SocketIOClient> members(String nsp, Namespace namespace, String room) {
		UUID sessionId = asSessionId(room);
		if (sessionId != null) {
			SocketIOClient client = namespace.getClient(sessionId);
			UUID restored = (client == null) ? this.recovery.sessionOf(nsp, room) : null;
			if (restored != null) {
				client = namespace.getClient(restored);
			}
			if (client != null) {
				return List.of(client);
			}
		}
		return namespace.getRoomClients(room);
	}

	static UUID asSessionId(String room) {
		if (room == null || room.length() != 36) {
			return null;
		}
		try {
			return UUID.fromString(room);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	int emit(BroadcastTarget target, OutgoingEvent event) {
		return emit(target, event, null);
	}

	/**
	 * Sends an event to the matching clients.
	 * @param skip clients not to send it to, or {@code null}
	 * @return the number of matching clients
	 */
	int emit(BroadcastTarget target, OutgoingEvent event, java.util.function.Predicate<SocketIOClient> skip) {
		List<SocketIOClient> clients = match(target);
		boolean encoded = this.encodedEvents;
		GatheredWrites writes = new GatheredWrites(encoded);
		for (SocketIOClient client : clients) {
			if (skip != null && skip.test(client)) {
				continue;
			}
			Packet packet = event.packetFor(client, encoded);
			// volatile again where it is written: the client may stop taking writes meanwhile
			writes.send(client, (target.volatileOnly() && packet instanceof EncodedEventPacket shared) ? shared.asVolatile() : packet);
		}
		writes.flush();
		return clients.size();
	}

	void emit(SocketIOClient client, String event, List<Object> args, AckCallback<?> ack) {
		client.send(eventPacket(client, event, args), ack);
	}

	/**
	 * A packet per client, framed for that client's Engine.IO version: a packet shared across
	 * clients is mutated by the encoder, and one received from another node has no version.
	 */
	/** An event packet for one client: netty-socketio's encoders mutate the packets they write. */
	static Packet eventPacket(SocketIOClient client, String event, List<Object> args) {
		Packet packet = new Packet(PacketType.MESSAGE, client.getEngineIOVersion());
		packet.setSubType(PacketType.EVENT);
		packet.setName(event);
		packet.setData(args);
		return packet;
	}

	void join(BroadcastTarget target, List<String> rooms) {
		Set<String> roomSet = new LinkedHashSet<>(rooms);
		match(target).forEach((client) -> client.joinRooms(roomSet));
	}

	void leave(BroadcastTarget target, List<String> rooms) {
		Set<String> roomSet = new LinkedHashSet<>(rooms);
		match(target).forEach((client) -> client.leaveRooms(roomSet));
	}

	void disconnect(BroadcastTarget target, boolean close) {
		for (SocketIOClient client : match(target)) {
			client.disconnect();
			if (close && client instanceof NamespaceClient namespaceClient) {
				namespaceClient.getBaseClient().disconnect();
			}
		}
	}

	List<SocketDescription> describe(BroadcastTarget target) {
		List<SocketIOClient> clients = match(target);
		List<SocketDescription> result = new ArrayList<>(clients.size());
		for (SocketIOClient client : clients) {
			result.add(this.snapshots.describe(client, id(client)));
		}
		return result;
	}

}

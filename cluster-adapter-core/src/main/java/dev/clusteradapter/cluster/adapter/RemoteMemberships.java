package dev.clusteradapter.cluster.adapter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.corundumstudio.socketio.namespace.Namespace;

import dev.clusteradapter.cluster.adapter.AdapterMessage.Membership;

/**
 * Room memberships of other nodes' sockets, replicated into netty-socketio's namespaces (as
 * its own pub/sub does) and remembered per node, so that they are removed when that node
 * leaves: netty-socketio would keep them forever.
 */
final class RemoteMemberships {

	private final LocalSockets sockets;

	/** node → (namespace, session) → rooms. */
	private final Map<Integer, Map<SocketKey, Set<String>>> byNode = new HashMap<>();

	RemoteMemberships(LocalSockets sockets) {
		this.sockets = sockets;
	}

	/** Records a membership change, applied now if the namespace exists, else on {@link #replay()}. */
	synchronized void apply(int node, Membership membership) {
		UUID sessionId = LocalSockets.asSessionId(membership.sessionId());
		if (sessionId == null) {
			return;
		}
		Map<SocketKey, Set<String>> sockets = this.byNode.computeIfAbsent(node, (key) -> new HashMap<>());
		SocketKey key = new SocketKey(membership.nsp(), sessionId);
		Namespace namespace = this.sockets.namespace(membership.nsp());
		if (membership.join()) {
			Set<String> rooms = sockets.computeIfAbsent(key, (k) -> new LinkedHashSet<>());
			for (String room : membership.rooms()) {
				rooms.add(room);
				if (namespace != null) {
					namespace.join(room, sessionId);
				}
			}
			return;
		}
		Set<String> rooms = sockets.get(key);
		for (String room : membership.rooms()) {
			if (rooms != null) {
				rooms.remove(room);
			}
			if (namespace != null) {
				namespace.leave(room, sessionId);
			}
		}
		if (rooms != null && rooms.isEmpty()) {
			sockets.remove(key);
		}
	}

	/** Applies what arrived before this node's server started (the bus may be up first). */
	synchronized void replay() {
		this.byNode.values().forEach((sockets) -> sockets.forEach((key, rooms) -> {
			Namespace namespace = this.sockets.namespace(key.nsp());
			if (namespace != null) {
				rooms.forEach((room) -> namespace.join(room, key.sessionId()));
			}
		}));
	}

	synchronized void forget(int node) {
		Map<SocketKey, Set<String>> sockets = this.byNode.remove(node);
		if (sockets == null) {
			return;
		}
		sockets.forEach((key, rooms) -> {
			Namespace namespace = this.sockets.namespace(key.nsp());
			if (namespace != null) {
				rooms.forEach((room) -> namespace.leave(room, key.sessionId()));
			}
		});
	}

	synchronized int count(int node) {
		Map<SocketKey, Set<String>> sockets = this.byNode.get(node);
		return (sockets != null) ? sockets.size() : 0;
	}

	/** Rooms a socket of another node is known to be in, its own id included. */
	synchronized List<String> rooms(int node, String nsp, String socketId) {
		UUID sessionId = LocalSockets.asSessionId(socketId);
		Map<SocketKey, Set<String>> sockets = this.byNode.get(node);
		Set<String> rooms = (sessionId != null && sockets != null) ? sockets.get(new SocketKey(nsp, sessionId)) : null;
		List<String> result = new ArrayList<>();
		result.add(socketId);
		if (rooms != null) {
			// as in fetchSockets: netty-socketio's room named after the namespace is not a user room
			String namespaceRoom = LocalSockets.nettyName(nsp);
			rooms.stream().filter((room) -> !room.equals(namespaceRoom) && !room.equals(socketId)).forEach(result::add);
		}
		return result;
	}

	private record SocketKey(String nsp, UUID sessionId) {
	}

}

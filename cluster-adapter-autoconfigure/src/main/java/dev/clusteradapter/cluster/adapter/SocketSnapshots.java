package dev.clusteradapter.cluster.adapter;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.SocketIOClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketDescription;

/**
 * Snapshots of local sockets for {@code fetchSockets()}: id, handshake, rooms and data, in
 * a form that travels (values that cannot be serialized are left out).
 */
final class SocketSnapshots {

	private final ObjectMapper cbor;

	SocketSnapshots(ObjectMapper cbor) {
		this.cbor = cbor;
	}

	SocketDescription describe(SocketIOClient client) {
		String id = client.getSessionId().toString();
		List<String> rooms = new ArrayList<>();
		rooms.add(id);
		// netty-socketio puts every client in a room named after its namespace: not a user room
		String namespaceRoom = client.getNamespace().getName();
		for (String room : client.getAllRooms()) {
			if (!room.equals(namespaceRoom)) {
				rooms.add(room);
			}
		}
		Map<String, JsonNode> data = new LinkedHashMap<>();
		SocketData.of(client).forEach((key, value) -> {
			JsonNode node = toTree(value);
			if (node != null) {
				data.put(key, node);
			}
		});
		return new SocketDescription(id, handshake(client.getHandshakeData()), rooms, data);
	}

	private SocketHandshake handshake(HandshakeData data) {
		if (data == null) {
			return null;
		}
		InetSocketAddress address = data.getAddress();
		Map<String, List<String>> headers = new LinkedHashMap<>();
		if (data.getHttpHeaders() != null) {
			for (String name : data.getHttpHeaders().names()) {
				headers.put(name.toLowerCase(), data.getHttpHeaders().getAll(name));
			}
		}
		return new SocketHandshake(
				(address != null && address.getAddress() != null) ? address.getAddress().getHostAddress() : null, headers,
				data.getUrlParams(), String.valueOf(data.getTime()), (data.getTime() != null) ? data.getTime().getTime() : 0L,
				data.getUrl(), data.isXdomain(), toTree(data.getAuthToken()));
	}

	private JsonNode toTree(Object value) {
		if (value == null) {
			return null;
		}
		try {
			return this.cbor.valueToTree(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}

package dev.clusteradapter.cluster.adapter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.SocketIOClient;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketDescription;

/**
 * Snapshots of local sockets for {@code fetchSockets()}: id, handshake, rooms and data, in
 * a form that travels (values that cannot be serialized are left out). A session's handshake
 * is encoded once and its data once per change, kept in its {@link SessionStore}: a fetch of
 * a thousand sockets then costs a thousand room lists, not a thousand header maps.
 */
final class SocketSnapshots {

	private final ObjectMapper cbor;

	private final byte[] noData;

	SocketSnapshots(ObjectMapper cbor) {
		this.cbor = cbor;
		this.noData = encode(Map.of());
	}

	/**
	 * A socket's description.
	 * @param client the socket
	 * @param id its Socket.IO id, first of its rooms (a restored socket is in that room too)
	 */
	SocketDescription describe(SocketIOClient client, String id) {
		List<String> rooms = new ArrayList<>();
		rooms.add(id);
		// netty-socketio puts every client in a room named after its namespace: not a user room
		String namespaceRoom = client.getNamespace().getName();
		for (String room : client.getAllRooms()) {
			if (!room.equals(namespaceRoom) && !room.equals(id)) {
				rooms.add(room);
			}
		}
		SessionStore store = SocketData.storeOf(client);
		if (store == null) {
			return new SocketDescription(id, rooms, handshake(client.getHandshakeData()), this.noData);
		}
		EncodedSnapshot snapshot = snapshot(client, store);
		return new SocketDescription(id, rooms, snapshot.handshake(), snapshot.data());
	}

	private EncodedSnapshot snapshot(SocketIOClient client, SessionStore store) {
		EncodedSnapshot snapshot = store.snapshot();
		// read before the entries: a change racing with the encoding then only costs a re-encoding
		long version = store.version();
		if (snapshot == null || snapshot.dataVersion() != version) {
			byte[] handshake = (snapshot != null) ? snapshot.handshake() : handshake(client.getHandshakeData());
			snapshot = new EncodedSnapshot(handshake, version, data(store.entries()));
			store.snapshot(snapshot);
		}
		return snapshot;
	}

	private byte[] data(Map<String, Object> entries) {
		if (entries.isEmpty()) {
			return this.noData;
		}
		byte[] all = encode(entries);
		if (all != null) {
			return all;
		}
		Map<String, Object> travelling = new LinkedHashMap<>();
		entries.forEach((key, value) -> {
			if (encode(value) != null) {
				travelling.put(key, value);
			}
		});
		return Objects.requireNonNullElse(encode(travelling), this.noData);
	}

	private byte[] handshake(HandshakeData data) {
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
		String ip = (address != null && address.getAddress() != null) ? address.getAddress().getHostAddress() : null;
		long issued = (data.getTime() != null) ? data.getTime().getTime() : 0L;
		SocketHandshake handshake = new SocketHandshake(ip, headers, data.getUrlParams(), String.valueOf(data.getTime()),
				issued, data.getUrl(), data.isXdomain(), data.getAuthToken());
		byte[] encoded = encode(handshake);
		if (encoded == null) {
			// an auth payload that cannot be serialized is left out, the rest still travels
			encoded = encode(new SocketHandshake(ip, headers, data.getUrlParams(), String.valueOf(data.getTime()), issued,
					data.getUrl(), data.isXdomain(), null));
		}
		return encoded;
	}

	private byte[] encode(Object value) {
		try {
			return this.cbor.writeValueAsBytes(value);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}

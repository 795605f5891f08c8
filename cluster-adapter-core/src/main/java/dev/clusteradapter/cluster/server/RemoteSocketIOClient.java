package dev.clusteradapter.cluster.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;

import dev.clusteradapter.cluster.adapter.RemoteSocket;
import dev.clusteradapter.cluster.adapter.SocketHandshake;
import dev.clusteradapter.cluster.socketio.SocketIoNamespaces;

/**
 * A client served by another worker, as a netty-socketio {@link SocketIOClient}, so that a
 * {@code BroadcastAckCallback} can be told about it: its session id, namespace and rooms
 * (as this worker knows them), and its handshake when it was fetched. Events, acks, joins,
 * leaves and disconnection travel through the cluster to the worker serving it. What only
 * that worker holds (its connection, transport, per-session store) throws
 * {@link UnsupportedOperationException}.
 */
final class RemoteSocketIOClient implements SocketIOClient {

	private final RemoteSocket socket;

	private final SocketIONamespace namespace;

	private final Duration requestsTimeout;

	RemoteSocketIOClient(RemoteSocket socket, SocketIONamespace namespace, Duration requestsTimeout) {
		this.socket = socket;
		this.namespace = namespace;
		this.requestsTimeout = requestsTimeout;
	}

	/**
	 * The socket this client stands for.
	 * @return the remote socket
	 */
	RemoteSocket socket() {
		return this.socket;
	}

	@Override
	public UUID getSessionId() {
		return UUID.fromString(this.socket.id());
	}

	@Override
	public SocketIONamespace getNamespace() {
		return this.namespace;
	}

	/** As netty-socketio's clients: the user rooms and the room named after the namespace. */
	@Override
	public Set<String> getAllRooms() {
		Set<String> rooms = new LinkedHashSet<>();
		rooms.add((this.namespace != null) ? this.namespace.getName() : nettyName(this.socket.namespace()));
		this.socket.rooms().stream().filter((room) -> !room.equals(this.socket.id())).forEach(rooms::add);
		return rooms;
	}

	@Override
	public int getCurrentRoomSize(String room) {
		SocketIONamespace local = (this.namespace instanceof ClusteredSocketIONamespace cluster) ? cluster.delegate()
				: this.namespace;
		int members = SocketIoNamespaces.roomClientsInCluster(local, room);
		if (members < 0) {
			throw unsupported("getCurrentRoomSize");
		}
		return members;
	}

	@Override
	public HandshakeData getHandshakeData() {
		SocketHandshake handshake = this.socket.handshake();
		if (handshake == null) {
			throw new UnsupportedOperationException("The handshake of socket " + this.socket.id()
					+ " of another worker is not known here: fetch it with SocketIoCluster.fetchSockets()");
		}
		HttpHeaders headers = new DefaultHttpHeaders();
		if (handshake.headers() != null) {
			handshake.headers().forEach(headers::add);
		}
		Map<String, List<String>> query = (handshake.query() != null) ? handshake.query() : Map.of();
		return new HandshakeData(headers, query, address(handshake), handshake.url(), handshake.xdomain());
	}

	@Override
	public SocketAddress getRemoteAddress() {
		SocketHandshake handshake = this.socket.handshake();
		if (handshake == null) {
			throw unsupported("getRemoteAddress");
		}
		return address(handshake);
	}

	private static InetSocketAddress address(SocketHandshake handshake) {
		return (handshake.address() != null) ? InetSocketAddress.createUnresolved(handshake.address(), 0) : null;
	}

	@Override
	public void sendEvent(String name, Object... data) {
		this.socket.emit(name, data);
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public void sendEvent(String name, AckCallback<?> ackCallback, Object... data) {
		Duration timeout = (ackCallback.getTimeout() > 0) ? Duration.ofSeconds(ackCallback.getTimeout())
				: this.requestsTimeout;
		this.socket.emitWithAck(timeout, name, data).whenComplete((answer, failure) -> {
			AckCallback callback = ackCallback;
			if (failure != null) {
				callback.onTimeout();
			}
			else {
				callback.onSuccess(AckResults.as(answer, callback.getResultClass()));
			}
		});
	}

	@Override
	public void send(Packet packet) {
		sendEvent(eventName(packet), eventArguments(packet));
	}

	@Override
	public void send(Packet packet, AckCallback<?> ackCallback) {
		sendEvent(eventName(packet), ackCallback, eventArguments(packet));
	}

	private static String eventName(Packet packet) {
		if (packet.getType() != PacketType.MESSAGE
				|| (packet.getSubType() != PacketType.EVENT && packet.getSubType() != PacketType.BINARY_EVENT)) {
			throw new UnsupportedOperationException(
					"Only event packets reach a socket of another worker, not " + packet.getSubType());
		}
		return packet.getName();
	}

	static Object[] eventArguments(Packet packet) {
		List<Object> data = packet.getData();
		return (data != null) ? data.toArray() : new Object[0];
	}

	@Override
	public void disconnect() {
		this.socket.disconnect(false);
	}

	@Override
	public void joinRoom(String room) {
		this.socket.join(room);
	}

	@Override
	public void joinRooms(Set<String> rooms) {
		this.socket.join(rooms.toArray(String[]::new));
	}

	@Override
	public void leaveRoom(String room) {
		this.socket.leave(room);
	}

	@Override
	public void leaveRooms(Set<String> rooms) {
		this.socket.leave(rooms.toArray(String[]::new));
	}

	@Override
	public Transport getTransport() {
		throw unsupported("getTransport");
	}

	@Override
	public EngineIOVersion getEngineIOVersion() {
		throw unsupported("getEngineIOVersion");
	}

	@Override
	public boolean isWritable() {
		throw unsupported("isWritable");
	}

	@Override
	public boolean isChannelOpen() {
		throw unsupported("isChannelOpen");
	}

	@Override
	public void set(String key, Object val) {
		throw unsupported("set (its per-session store lives on its worker)");
	}

	@Override
	public <T> T get(String key) {
		throw unsupported("get (its per-session store lives on its worker)");
	}

	@Override
	public boolean has(String key) {
		throw unsupported("has (its per-session store lives on its worker)");
	}

	@Override
	public void del(String key) {
		throw unsupported("del (its per-session store lives on its worker)");
	}

	private UnsupportedOperationException unsupported(String operation) {
		return new UnsupportedOperationException(operation + " is not available for socket " + this.socket.id()
				+ ": it is served by another worker (node " + this.socket.nodeId() + ")");
	}

	static String nettyName(String nsp) {
		return (nsp == null || "/".equals(nsp)) ? SocketIoNamespaces.DEFAULT_NAME : nsp;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof RemoteSocketIOClient client) && client.socket.id().equals(this.socket.id())
				&& client.socket.namespace().equals(this.socket.namespace());
	}

	@Override
	public int hashCode() {
		return this.socket.id().hashCode();
	}

	@Override
	public String toString() {
		return "RemoteSocketIOClient[" + this.socket + "]";
	}

}

package dev.clusteradapter.cluster.adapter;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketDescription;

/**
 * A socket served by some node of the cluster, as returned by {@code fetchSockets()}: a
 * snapshot of its id, handshake, rooms and data, and operations that act on the node
 * serving it.
 */
public final class RemoteSocket {

	private final ClusterAdapter adapter;

	private final int nodeId;

	private final String nsp;

	private final String id;

	private final Set<String> rooms;

	// handshake and data arrive encoded and are decoded on first read: most callers never read them
	private final byte[] encodedHandshake;

	private final byte[] encodedData;

	private volatile SocketHandshake handshake;

	private volatile Map<String, Object> data;

	private RemoteSocket(ClusterAdapter adapter, int nodeId, String nsp, SocketDescription description) {
		this.adapter = adapter;
		this.nodeId = nodeId;
		this.nsp = nsp;
		this.id = description.id();
		this.rooms = Collections.unmodifiableSet(new LinkedHashSet<>(description.rooms()));
		this.encodedHandshake = description.handshake();
		this.encodedData = description.data();
	}

	static RemoteSocket of(ClusterAdapter adapter, int nodeId, String nsp, SocketDescription description) {
		return new RemoteSocket(adapter, nodeId, nsp, description);
	}

	/**
	 * Session id of the socket.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Namespace of the socket, socket.io style ({@code "/"}, {@code "/chat"}).
	 * @return the namespace
	 */
	public String namespace() {
		return this.nsp;
	}

	/**
	 * Bus node id of the node serving the socket.
	 * @return the node id
	 */
	public int nodeId() {
		return this.nodeId;
	}

	/**
	 * Handshake details of the socket.
	 * @return the handshake
	 */
	public SocketHandshake handshake() {
		SocketHandshake handshake = this.handshake;
		if (handshake == null && this.encodedHandshake != null) {
			handshake = decode(this.encodedHandshake, SocketHandshake.class);
			this.handshake = handshake;
		}
		return handshake;
	}

	/**
	 * Rooms of the socket when fetched, its own id included (as in socket.io).
	 * @return the rooms
	 */
	public Set<String> rooms() {
		return this.rooms;
	}

	/**
	 * Data of the socket when fetched (see {@link SocketData}).
	 * @return the data
	 */
	public Map<String, Object> data() {
		Map<String, Object> data = this.data;
		if (data == null) {
			Map<?, ?> decoded = (this.encodedData != null) ? decode(this.encodedData, Map.class) : null;
			Map<String, Object> entries = new LinkedHashMap<>();
			if (decoded != null) {
				decoded.forEach((key, value) -> entries.put(String.valueOf(key), value));
			}
			data = Collections.unmodifiableMap(entries);
			this.data = data;
		}
		return data;
	}

	private <T> T decode(byte[] encoded, Class<T> type) {
		try {
			return this.adapter.mapper().readValue(encoded, type);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Sends an event to this socket.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, Object... args) {
		this.adapter.broadcast(target(), scope(), event, Arrays.asList(args));
	}

	/**
	 * Sends an event to this socket and waits for its ack.
	 * @param timeout how long to wait
	 * @param event the event name
	 * @param args the arguments
	 * @return the socket's first ack argument; fails with a {@link TimeoutException} if it
	 * does not answer in time or is gone
	 */
	public CompletableFuture<Object> emitWithAck(Duration timeout, String event, Object... args) {
		return this.adapter.broadcastWithAck(target(), scope(), event, Arrays.asList(args), timeout)
			.thenCompose((result) -> result.responses().isEmpty()
					? CompletableFuture.failedFuture(new TimeoutException("Socket " + this.id + " did not answer"))
					: CompletableFuture.completedFuture(result.responses().get(0)));
	}

	/**
	 * Sends an event to this socket and waits for its ack, within the requests timeout.
	 * @param event the event name
	 * @param args the arguments
	 * @return the socket's first ack argument
	 */
	public CompletableFuture<Object> emitWithAck(String event, Object... args) {
		return emitWithAck(this.adapter.requestsTimeout(), event, args);
	}

	/**
	 * Makes the socket join rooms.
	 * @param rooms the rooms
	 * @return completes when the serving node applied it
	 */
	public CompletableFuture<Void> join(String... rooms) {
		return this.adapter.socketsJoin(target(), scope(), List.of(rooms), this.adapter.requestsTimeout());
	}

	/**
	 * Makes the socket leave rooms.
	 * @param rooms the rooms
	 * @return completes when the serving node applied it
	 */
	public CompletableFuture<Void> leave(String... rooms) {
		return this.adapter.socketsLeave(target(), scope(), List.of(rooms), this.adapter.requestsTimeout());
	}

	/**
	 * Disconnects the socket.
	 * @param close whether to close the underlying connection too
	 * @return completes when the serving node applied it
	 */
	public CompletableFuture<Void> disconnect(boolean close) {
		return this.adapter.disconnectSockets(target(), scope(), close, this.adapter.requestsTimeout());
	}

	private BroadcastTarget target() {
		return BroadcastTarget.room(this.nsp, this.id);
	}

	private Scope scope() {
		return Scope.node(this.adapter.transport(), this.nodeId);
	}

	@Override
	public String toString() {
		return "RemoteSocket[id=" + this.id + ", node=" + this.nodeId + ", nsp=" + this.nsp + ", rooms=" + this.rooms + "]";
	}

}

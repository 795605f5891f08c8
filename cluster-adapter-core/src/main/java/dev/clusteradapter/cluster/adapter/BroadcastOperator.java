package dev.clusteradapter.cluster.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Selects sockets across the cluster and acts on them, as socket.io's
 * {@code BroadcastOperator}. Immutable: every operator returns a new instance, so a
 * configured operator can be kept and reused.
 * <pre>
 * cluster.to("room1").except("muted").emit("news", payload);
 * cluster.of("/chat").in("lobby").timeout(Duration.ofSeconds(2)).emitWithAck("ready?");
 * </pre>
 */
public final class BroadcastOperator {

	private final ClusterAdapter adapter;

	private final BroadcastTarget target;

	private final boolean local;

	private final Duration timeout;

	BroadcastOperator(ClusterAdapter adapter, String nsp) {
		this(adapter, new BroadcastTarget(nsp, List.of(), List.of(), false), false, adapter.requestsTimeout());
	}

	private BroadcastOperator(ClusterAdapter adapter, BroadcastTarget target, boolean local, Duration timeout) {
		this.adapter = adapter;
		this.target = target;
		this.local = local;
		this.timeout = timeout;
	}

	/**
	 * Targets the members of rooms (in addition to rooms already targeted).
	 * @param rooms the rooms; a socket id addresses that socket
	 * @return a new operator
	 */
	public BroadcastOperator to(String... rooms) {
		return new BroadcastOperator(this.adapter, new BroadcastTarget(this.target.nsp(), plus(this.target.rooms(), rooms),
				this.target.except(), this.target.volatileOnly()), this.local, this.timeout);
	}

	/**
	 * Same as {@link #to(String...)}.
	 * @param rooms the rooms
	 * @return a new operator
	 */
	public BroadcastOperator in(String... rooms) {
		return to(rooms);
	}

	/**
	 * Excludes the members of rooms.
	 * @param rooms the rooms; a socket id excludes that socket
	 * @return a new operator
	 */
	public BroadcastOperator except(String... rooms) {
		return new BroadcastOperator(this.adapter, new BroadcastTarget(this.target.nsp(), this.target.rooms(),
				plus(this.target.except(), rooms), this.target.volatileOnly()), this.local, this.timeout);
	}

	/**
	 * Restricts to the sockets of this node.
	 * @return a new operator
	 */
	public BroadcastOperator local() {
		return new BroadcastOperator(this.adapter, this.target, true, this.timeout);
	}

	/**
	 * Makes events volatile (socket.io's {@code volatile} flag): a socket that cannot take a
	 * write right now misses the event instead of having it queued.
	 * @return a new operator
	 */
	public BroadcastOperator asVolatile() {
		return new BroadcastOperator(this.adapter, new BroadcastTarget(this.target.nsp(), this.target.rooms(),
				this.target.except(), true), this.local, this.timeout);
	}

	/**
	 * Sets how long requests of this operator wait for answers.
	 * @param timeout the timeout
	 * @return a new operator
	 */
	public BroadcastOperator timeout(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		return new BroadcastOperator(this.adapter, this.target, this.local, timeout);
	}

	/**
	 * Sends an event to every selected socket, each socket once.
	 * @param event the event name
	 * @param args the arguments (JSON-friendly values or {@code byte[]})
	 */
	public void emit(String event, Object... args) {
		this.adapter.broadcast(this.target, scope(), event, Arrays.asList(args));
	}

	/**
	 * Sends an event to every selected socket and collects their acks.
	 * @param event the event name
	 * @param args the arguments
	 * @return every answer; flagged {@link AckResult#timedOut()} with the answers so far when
	 * some socket did not answer within the timeout; empty at once when no socket matches
	 */
	public CompletableFuture<AckResult> emitWithAck(String event, Object... args) {
		return this.adapter.broadcastWithAck(this.target, scope(), event, Arrays.asList(args), this.timeout);
	}

	/**
	 * Sends an event to every selected socket and follows their acks one by one: which
	 * client, on which node, answered what, and which did not answer in time.
	 * @param listener told of each answer and each missing one, then once that it is over
	 * @param event the event name
	 * @param args the arguments
	 * @return every answer, as {@link #emitWithAck(String, Object...)}
	 */
	public CompletableFuture<AckResult> emitWithAck(ClientAckListener listener, String event, Object... args) {
		Objects.requireNonNull(listener, "listener");
		return this.adapter.broadcastWithAck(this.target, scope(), event, Arrays.asList(args), this.timeout, listener);
	}

	/**
	 * Fetches the selected sockets from every node.
	 * @return the sockets; fails with a {@code TimeoutException} if a live node does not
	 * answer in time (a node that leaves is not waited for)
	 */
	public CompletableFuture<List<RemoteSocket>> fetchSockets() {
		return this.adapter.fetchSockets(this.target, scope(), this.timeout);
	}

	/**
	 * Makes the selected sockets join rooms.
	 * @param rooms the rooms
	 * @return completes when every live node applied it
	 */
	public CompletableFuture<Void> socketsJoin(String... rooms) {
		return this.adapter.socketsJoin(this.target, scope(), List.of(rooms), this.timeout);
	}

	/**
	 * Makes the selected sockets leave rooms.
	 * @param rooms the rooms
	 * @return completes when every live node applied it
	 */
	public CompletableFuture<Void> socketsLeave(String... rooms) {
		return this.adapter.socketsLeave(this.target, scope(), List.of(rooms), this.timeout);
	}

	/**
	 * Disconnects the selected sockets.
	 * @param close whether to close the underlying connections too
	 * @return completes when every live node applied it
	 */
	public CompletableFuture<Void> disconnectSockets(boolean close) {
		return this.adapter.disconnectSockets(this.target, scope(), close, this.timeout);
	}

	private Scope scope() {
		return this.local ? Scope.thisNode() : Scope.cluster(this.adapter.transport());
	}

	private static List<String> plus(List<String> rooms, String... more) {
		List<String> result = new ArrayList<>(rooms);
		for (String room : more) {
			if (!result.contains(room)) {
				result.add(Objects.requireNonNull(room, "room"));
			}
		}
		return result;
	}

}

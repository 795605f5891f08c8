package dev.clusteradapter.cluster.adapter;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One namespace across the cluster, as socket.io's {@code io.of(name)}: broadcasts to its
 * sockets and server-side events between nodes.
 */
public final class ClusterNamespace {

	private final ClusterAdapter adapter;

	private final String name;

	private final BroadcastOperator all;

	ClusterNamespace(ClusterAdapter adapter, String name) {
		this.adapter = adapter;
		this.name = name;
		this.all = new BroadcastOperator(adapter, name);
	}

	/**
	 * Name of the namespace, socket.io style ({@code "/"}, {@code "/chat"}).
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Every socket of the namespace, cluster-wide, as a starting point for operators.
	 * @return an operator
	 */
	public BroadcastOperator sockets() {
		return this.all;
	}

	/**
	 * See {@link BroadcastOperator#to(String...)}.
	 * @param rooms the rooms
	 * @return an operator
	 */
	public BroadcastOperator to(String... rooms) {
		return this.all.to(rooms);
	}

	/**
	 * See {@link BroadcastOperator#in(String...)}.
	 * @param rooms the rooms
	 * @return an operator
	 */
	public BroadcastOperator in(String... rooms) {
		return this.all.in(rooms);
	}

	/**
	 * See {@link BroadcastOperator#except(String...)}.
	 * @param rooms the rooms
	 * @return an operator
	 */
	public BroadcastOperator except(String... rooms) {
		return this.all.except(rooms);
	}

	/**
	 * See {@link BroadcastOperator#local()}.
	 * @return an operator
	 */
	public BroadcastOperator local() {
		return this.all.local();
	}

	/**
	 * See {@link BroadcastOperator#asVolatile()}.
	 * @return an operator
	 */
	public BroadcastOperator asVolatile() {
		return this.all.asVolatile();
	}

	/**
	 * See {@link BroadcastOperator#timeout(Duration)}.
	 * @param timeout the timeout
	 * @return an operator
	 */
	public BroadcastOperator timeout(Duration timeout) {
		return this.all.timeout(timeout);
	}

	/**
	 * Sends an event to every socket of the namespace.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, Object... args) {
		this.all.emit(event, args);
	}

	/**
	 * See {@link BroadcastOperator#emitWithAck(String, Object...)}.
	 * @param event the event name
	 * @param args the arguments
	 * @return the answers
	 */
	public CompletableFuture<AckResult> emitWithAck(String event, Object... args) {
		return this.all.emitWithAck(event, args);
	}

	/**
	 * See {@link BroadcastOperator#fetchSockets()}.
	 * @return every socket of the namespace
	 */
	public CompletableFuture<List<RemoteSocket>> fetchSockets() {
		return this.all.fetchSockets();
	}

	/**
	 * See {@link BroadcastOperator#socketsJoin(String...)}.
	 * @param rooms the rooms
	 * @return completes when every live node applied it
	 */
	public CompletableFuture<Void> socketsJoin(String... rooms) {
		return this.all.socketsJoin(rooms);
	}

	/**
	 * See {@link BroadcastOperator#socketsLeave(String...)}.
	 * @param rooms the rooms
	 * @return completes when every live node applied it
	 */
	public CompletableFuture<Void> socketsLeave(String... rooms) {
		return this.all.socketsLeave(rooms);
	}

	/**
	 * See {@link BroadcastOperator#disconnectSockets(boolean)}.
	 * @param close whether to close the underlying connections too
	 * @return completes when every live node applied it
	 */
	public CompletableFuture<Void> disconnectSockets(boolean close) {
		return this.all.disconnectSockets(close);
	}

	/**
	 * Sends an event to the other nodes' {@link #onServerSideEmit} handlers (workers only:
	 * the primary does not receive them).
	 * @param event the event name
	 * @param args the arguments
	 */
	public void serverSideEmit(String event, Object... args) {
		this.adapter.serverSideEmit(this.name, event, Arrays.asList(args));
	}

	/**
	 * Sends an event to the other nodes and collects one answer per node.
	 * @param event the event name
	 * @param args the arguments
	 * @return the answers; at the requests timeout, or when a node leaves, the answers so far
	 */
	public CompletableFuture<List<Object>> serverSideEmitWithAck(String event, Object... args) {
		return serverSideEmitWithAck(this.adapter.requestsTimeout(), event, args);
	}

	/**
	 * Sends an event to the other nodes and collects one answer per node.
	 * @param timeout how long to wait
	 * @param event the event name
	 * @param args the arguments
	 * @return the answers; at the timeout, or when a node leaves, the answers so far
	 */
	public CompletableFuture<List<Object>> serverSideEmitWithAck(Duration timeout, String event, Object... args) {
		return this.adapter.serverSideEmitWithAck(this.name, event, Arrays.asList(args), timeout);
	}

	/**
	 * Handles an event that other nodes send with {@code serverSideEmit}. Handlers run on the
	 * thread that receives the cluster's messages, in the order the sender sent them: like a
	 * Netty handler, a handler must not block; hand slow work to an executor of your own and
	 * answer the ack from there.
	 * @param event the event name
	 * @param handler the handler
	 */
	public void onServerSideEmit(String event, ServerSideEmitHandler handler) {
		this.adapter.onServerSideEmit(this.name, event, handler);
	}

}

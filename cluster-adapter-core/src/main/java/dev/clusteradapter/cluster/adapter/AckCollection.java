package dev.clusteradapter.cluster.adapter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A broadcast with acknowledgement: each node first says how many clients it asked, and
 * which ({@link MessageType#BROADCAST_CLIENT_COUNT}), then relays each client's answer.
 * An optional {@link Observer} follows it client by client.
 */
final class AckCollection extends PendingRequest<AckResult> {

	private final Set<Integer> countAwaited;

	/** Acks still expected per node; negative while answers overtake the count. */
	private final Map<Integer, Integer> outstanding = new HashMap<>();

	/** Sockets asked and not yet answered, per node; known once the node counted. */
	private final Map<Integer, Set<String>> unanswered = new HashMap<>();

	/** Sockets whose answer overtook their node's count, per node. */
	private final Map<Integer, Set<String>> early = new HashMap<>();

	private final List<Object> responses = new ArrayList<>();

	private final Observer observer;

	private boolean incomplete;

	AckCollection(long id, Set<Integer> nodes) {
		this(id, nodes, Observer.NONE);
	}

	AckCollection(long id, Set<Integer> nodes, Observer observer) {
		super(id, RequestType.BROADCAST_ACK);
		this.countAwaited = new HashSet<>(nodes);
		this.observer = observer;
	}

	synchronized void clientCount(int node, int count) {
		clients(node, count, List.of());
	}

	/**
	 * A node tells how many clients it asked.
	 * @param node the node
	 * @param count how many clients
	 * @param socketIds their ids, or empty when the node does not tell them
	 */
	synchronized void clients(int node, int count, List<String> socketIds) {
		if (!this.countAwaited.contains(node) && !this.outstanding.containsKey(node)) {
			node = NodeAnswers.anyUnnamed(this.countAwaited);
		}
		if (this.countAwaited.remove(node)) {
			this.outstanding.merge(node, count, Integer::sum);
			Set<String> asked = new LinkedHashSet<>(socketIds);
			Set<String> answered = this.early.remove(node);
			if (answered != null) {
				asked.removeAll(answered);
			}
			this.unanswered.put(node, asked);
			settleIfComplete();
		}
	}

	synchronized void ack(int node, Object response, boolean missing) {
		ack(node, null, response, missing);
	}

	/**
	 * A client answered, or will not.
	 * @param node the node serving the client
	 * @param socketId the client's id, or {@code null} when the node does not tell it
	 * @param response its answer
	 * @param missing whether it did not answer (timeout, disconnection)
	 */
	synchronized void ack(int node, String socketId, Object response, boolean missing) {
		if (isDone()) {
			return;
		}
		if (node == AdapterTransport.UNNAMED
				|| (!this.countAwaited.contains(node) && !this.outstanding.containsKey(node))) {
			node = unnamedAwaitingAck();
			if (node == AdapterTransport.UNNAMED) {
				return;
			}
		}
		this.outstanding.merge(node, -1, Integer::sum);
		if (socketId != null) {
			Set<String> asked = this.unanswered.get(node);
			if (asked != null) {
				asked.remove(socketId);
			}
			else {
				this.early.computeIfAbsent(node, (key) -> new HashSet<>()).add(socketId);
			}
		}
		if (missing) {
			this.incomplete = true;
			if (socketId != null) {
				this.observer.missed(node, socketId);
			}
		}
		else {
			this.responses.add(response);
			if (socketId != null) {
				this.observer.answered(node, socketId, response);
			}
		}
		settleIfComplete();
	}

	@Override
	synchronized void peerLeft(int node) {
		boolean awaited = this.countAwaited.remove(node);
		Integer left = this.outstanding.remove(node);
		if (awaited || (left != null && left > 0)) {
			this.incomplete = true;
			missAll(node);
			settle(RequestOutcome.PARTIAL);
		}
	}

	@Override
	synchronized void timedOut() {
		if (isDone()) {
			return;
		}
		this.incomplete = true;
		for (Integer node : List.copyOf(this.unanswered.keySet())) {
			missAll(node);
		}
		settle(RequestOutcome.TIMEOUT);
	}

	/**
	 * An unnamed peer that still owes acks, else one that has not counted yet (its acks can
	 * overtake its count when they come from several unnamed peers).
	 */
	private int unnamedAwaitingAck() {
		for (Map.Entry<Integer, Integer> entry : this.outstanding.entrySet()) {
			if (AdapterTransport.isUnnamed(entry.getKey()) && entry.getValue() > 0) {
				return entry.getKey();
			}
		}
		return NodeAnswers.anyUnnamed(this.countAwaited);
	}

	private void missAll(int node) {
		Set<String> asked = this.unanswered.remove(node);
		if (asked != null) {
			asked.forEach((socketId) -> this.observer.missed(node, socketId));
		}
	}

	private boolean isDone() {
		return future().isDone();
	}

	private void settleIfComplete() {
		settle(this.incomplete ? RequestOutcome.PARTIAL : RequestOutcome.SUCCESS);
	}

	private void settle(RequestOutcome outcome) {
		if (isDone() || (!this.countAwaited.isEmpty() && outcome != RequestOutcome.TIMEOUT)) {
			return;
		}
		boolean answered = this.outstanding.values().stream().allMatch((n) -> n <= 0);
		if (answered || outcome == RequestOutcome.TIMEOUT) {
			this.observer.settled(!this.incomplete);
			settle(new AckResult(this.responses, this.incomplete), outcome);
		}
	}

	/**
	 * Follows an {@link AckCollection} client by client; called under its lock, so calls
	 * never overlap and {@link #settled(boolean)} comes last, once.
	 */
	interface Observer {

		Observer NONE = new Observer() {
		};

		default void answered(int node, String socketId, Object response) {
		}

		default void missed(int node, String socketId) {
		}

		default void settled(boolean everyClientAnswered) {
		}

	}

}

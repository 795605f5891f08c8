package dev.clusteradapter.cluster.adapter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A broadcast with acknowledgement: each node first says how many clients it asked
 * ({@link MessageType#BROADCAST_CLIENT_COUNT}), then relays each client's answer.
 */
final class AckCollection extends PendingRequest<AckResult> {

	private final Set<Integer> countAwaited;

	/** Acks still expected per node; negative while answers overtake the count. */
	private final Map<Integer, Integer> outstanding = new HashMap<>();

	private final List<Object> responses = new ArrayList<>();

	private boolean incomplete;

	AckCollection(long id, Set<Integer> nodes) {
		super(id, RequestType.BROADCAST_ACK);
		this.countAwaited = new HashSet<>(nodes);
	}

	synchronized void clientCount(int node, int count) {
		if (this.countAwaited.remove(node)) {
			this.outstanding.merge(node, count, Integer::sum);
			settleIfComplete();
		}
	}

	synchronized void ack(int node, Object response, boolean missing) {
		if (isDone()) {
			return;
		}
		this.outstanding.merge(node, -1, Integer::sum);
		if (missing) {
			this.incomplete = true;
		}
		else {
			this.responses.add(response);
		}
		settleIfComplete();
	}

	@Override
	synchronized void peerLeft(int node) {
		boolean awaited = this.countAwaited.remove(node);
		Integer left = this.outstanding.remove(node);
		if (awaited || (left != null && left > 0)) {
			this.incomplete = true;
			settle(RequestOutcome.PARTIAL);
		}
	}

	@Override
	synchronized void timedOut() {
		this.incomplete = true;
		settle(RequestOutcome.TIMEOUT);
	}

	private boolean isDone() {
		return future().isDone();
	}

	private void settleIfComplete() {
		settle(this.incomplete ? RequestOutcome.PARTIAL : RequestOutcome.SUCCESS);
	}

	private void settle(RequestOutcome outcome) {
		if (!this.countAwaited.isEmpty() && outcome != RequestOutcome.TIMEOUT) {
			return;
		}
		boolean answered = this.outstanding.values().stream().allMatch((n) -> n <= 0);
		if (answered || outcome == RequestOutcome.TIMEOUT) {
			settle(new AckResult(this.responses, this.incomplete), outcome);
		}
	}

}

package dev.clusteradapter.cluster.adapter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A request that expects one answer from each of a set of nodes (fetch sockets, server-side
 * emit, sockets join/leave/disconnect).
 *
 * @param <A> one node's answer
 * @param <T> the result
 */
final class NodeAnswers<A, T> extends PendingRequest<T> {

	private final Set<Integer> awaiting;

	private final List<A> answers = new ArrayList<>();

	private final Function<List<A>, T> result;

	private final boolean partialOnTimeout;

	private boolean peerLost;

	/**
	 * @param partialOnTimeout whether a timeout settles with the answers so far (else it fails
	 * with a {@link TimeoutException})
	 */
	NodeAnswers(long id, RequestType type, Set<Integer> nodes, Function<List<A>, T> result, boolean partialOnTimeout) {
		super(id, type);
		this.awaiting = new HashSet<>(nodes);
		this.result = result;
		this.partialOnTimeout = partialOnTimeout;
	}

	/** Adds answers that need no round trip (this node's own), settling if nothing else is awaited. */
	synchronized void addLocal(List<A> local) {
		this.answers.addAll(local);
		settleIfComplete();
	}

	synchronized void answer(int node, A answer) {
		if (!this.awaiting.contains(node)) {
			// a peer first counted, then named while the request was out, answers for a counted one
			node = anyUnnamed(this.awaiting);
		}
		if (this.awaiting.remove(node)) {
			this.answers.add(answer);
			settleIfComplete();
		}
	}

	@Override
	synchronized void peerLeft(int node) {
		if (this.awaiting.remove(node)) {
			this.peerLost = true;
			settleIfComplete();
		}
	}

	@Override
	synchronized void timedOut() {
		if (this.partialOnTimeout) {
			settle(this.result.apply(Collections.unmodifiableList(new ArrayList<>(this.answers))), RequestOutcome.TIMEOUT);
		}
		else {
			fail(new TimeoutException(type().tag() + ": timeout reached, " + this.awaiting.size()
					+ " node(s) did not answer: " + this.awaiting), RequestOutcome.TIMEOUT);
		}
	}

	/** Peers known only by count are interchangeable: an unnamed answer settles any of them. */
	static int anyUnnamed(Set<Integer> nodes) {
		for (int node : nodes) {
			if (AdapterTransport.isUnnamed(node)) {
				return node;
			}
		}
		return AdapterTransport.UNNAMED;
	}

	private void settleIfComplete() {
		if (this.awaiting.isEmpty()) {
			settle(this.result.apply(Collections.unmodifiableList(new ArrayList<>(this.answers))),
					this.peerLost ? RequestOutcome.PARTIAL : RequestOutcome.SUCCESS);
		}
	}

}

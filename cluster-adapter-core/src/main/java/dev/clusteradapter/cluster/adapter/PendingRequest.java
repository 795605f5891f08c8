package dev.clusteradapter.cluster.adapter;

import java.util.concurrent.CompletableFuture;

/**
 * A request sent to other nodes, waiting for their answers. Settles exactly once: when every
 * node expected has answered or left, or at its timeout. Subclasses synchronize on themselves.
 *
 * @param <T> the result type
 */
abstract class PendingRequest<T> {

	private final long id;

	private final RequestType type;

	private final long startNanos = System.nanoTime();

	private volatile CompletableFuture<T> future = new CompletableFuture<>();

	private volatile RequestOutcome outcome;

	/** When it times out (nanos), set once it is tracked. */
	private volatile long deadlineNanos;

	PendingRequest(long id, RequestType type) {
		this.id = id;
		this.type = type;
	}

	long id() {
		return this.id;
	}

	RequestType type() {
		return this.type;
	}

	long startNanos() {
		return this.startNanos;
	}

	CompletableFuture<T> future() {
		return this.future;
	}

	/**
	 * Makes the future refuse waits on the thread that reads the answers (see
	 * {@link AnswerFuture}); before anyone sees the future.
	 * @param onReaderThread whether the calling thread reads the answers
	 */
	void refuseWaitsOnReader(java.util.function.BooleanSupplier onReaderThread) {
		this.future = new AnswerFuture<>(onReaderThread);
	}

	RequestOutcome outcome() {
		return this.outcome;
	}

	long deadlineNanos() {
		return this.deadlineNanos;
	}

	void deadlineNanos(long deadlineNanos) {
		this.deadlineNanos = deadlineNanos;
	}

	/**
	 * A node left the cluster (or closed its adapter): stop waiting for it.
	 * @param node the node id
	 */
	abstract void peerLeft(int node);

	/** The timeout elapsed. */
	abstract void timedOut();

	final void settle(T value, RequestOutcome outcome) {
		if (!this.future.isDone()) {
			this.outcome = outcome;
			this.future.complete(value);
		}
	}

	final void fail(Throwable failure, RequestOutcome outcome) {
		if (!this.future.isDone()) {
			this.outcome = outcome;
			this.future.completeExceptionally(failure);
		}
	}

}

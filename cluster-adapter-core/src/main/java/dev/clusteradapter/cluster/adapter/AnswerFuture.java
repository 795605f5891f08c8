package dev.clusteradapter.cluster.adapter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The future of a cluster request, and of every stage derived from it, that refuses to be
 * waited for on the thread that reads the request's answers: that thread, blocked, would
 * read none, and the wait would only end at the request's timeout, with the local answers
 * alone. That thread runs server-side emit handlers and, over Redis, is one of the Socket.IO
 * server's event loops, whose event listeners may call the cluster; {@code get} and
 * {@code join} there fail at once, as Netty's own futures do on their event loop.
 *
 * @param <T> the result type
 */
final class AnswerFuture<T> extends CompletableFuture<T> {

	private final BooleanSupplier onReaderThread;

	/**
	 * A future.
	 * @param onReaderThread whether the calling thread reads the answers
	 */
	AnswerFuture(BooleanSupplier onReaderThread) {
		this.onReaderThread = onReaderThread;
	}

	@Override
	public <U> CompletableFuture<U> newIncompleteFuture() {
		return new AnswerFuture<>(this.onReaderThread);
	}

	@Override
	public T get() throws InterruptedException, ExecutionException {
		refuseWaitOnReader();
		return super.get();
	}

	@Override
	public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
		refuseWaitOnReader();
		return super.get(timeout, unit);
	}

	@Override
	public T join() {
		refuseWaitOnReader();
		return super.join();
	}

	private void refuseWaitOnReader() {
		if (!isDone() && this.onReaderThread.getAsBoolean()) {
			throw new IllegalStateException("Waiting for a cluster request on " + Thread.currentThread().getName()
					+ ", the thread that reads its answers, would block them until the request times out: "
					+ "compose the future (thenAccept, whenComplete) instead of get() or join()");
		}
	}

}

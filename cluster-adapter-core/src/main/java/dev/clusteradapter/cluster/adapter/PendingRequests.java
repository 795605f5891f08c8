package dev.clusteradapter.cluster.adapter;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Requests of this node awaiting answers, by id; each is timed out, measured and forgotten
 * once settled.
 */
final class PendingRequests implements AutoCloseable {

	private final Map<Long, PendingRequest<?>> requests = new ConcurrentHashMap<>();

	private final LongSupplier ids;

	private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (task) -> {
		Thread thread = new Thread(task, "cluster-adapter-timeouts");
		thread.setDaemon(true);
		return thread;
	});

	private final AdapterMetrics metrics;

	PendingRequests(AdapterMetrics metrics, LongSupplier ids) {
		this.metrics = metrics;
		this.ids = ids;
		// a request answered in time takes its timeout out of the queue: otherwise every one
		// would wake this thread at its deadline, hundreds a second under a steady load
		this.timer.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Creates and tracks a request; it must be tracked before it can receive answers, so
	 * register first, then send.
	 */
	<R extends PendingRequest<?>> R register(LongFunction<R> factory, Duration timeout) {
		R request = factory.apply(this.ids.getAsLong());
		this.requests.put(request.id(), request);
		ScheduledFuture<?> timeoutTask = this.timer.schedule(request::timedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
		request.future().whenComplete((result, failure) -> {
			timeoutTask.cancel(false);
			this.requests.remove(request.id());
			this.metrics.requestCompleted(request.type(), request.outcome(),
					Duration.ofNanos(System.nanoTime() - request.startNanos()));
		});
		return request;
	}

	@SuppressWarnings("unchecked")
	<R extends PendingRequest<?>> R get(long id, Class<R> type) {
		PendingRequest<?> request = this.requests.get(id);
		return type.isInstance(request) ? (R) request : null;
	}

	void peerLeft(int node) {
		this.requests.values().forEach((request) -> request.peerLeft(node));
	}

	int size() {
		return this.requests.size();
	}

	@Override
	public void close() {
		this.requests.values().forEach(PendingRequest::timedOut);
		this.timer.shutdownNow();
	}

}

package dev.clusteradapter.cluster.adapter;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Requests of this node awaiting answers, by id; each is timed out, measured and forgotten
 * once settled.
 * <p>
 * One timeout task at a time, due at the earliest deadline of the requests pending: a request
 * answered in time leaves the timer alone, and one registered with a later deadline than the
 * task's (nearly all: they share the timeout) does not wake the timer's thread. When the task
 * runs, it times out what is due and sets itself for the next deadline, if a request is left.
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

	/** Guards the timeout task and its deadline. */
	private final Object timeoutLock = new Object();

	private ScheduledFuture<?> timeoutTask;

	private long timeoutTaskDeadline;

	private final BooleanSupplier onReaderThread;

	PendingRequests(AdapterMetrics metrics, LongSupplier ids) {
		this(metrics, ids, () -> false);
	}

	/**
	 * Requests whose futures refuse waits on the thread that reads their answers.
	 * @param onReaderThread whether the calling thread reads the answers
	 */
	PendingRequests(AdapterMetrics metrics, LongSupplier ids, BooleanSupplier onReaderThread) {
		this.metrics = metrics;
		this.ids = ids;
		this.onReaderThread = onReaderThread;
		this.timer.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Creates and tracks a request; it must be tracked before it can receive answers, so
	 * register first, then send.
	 */
	<R extends PendingRequest<?>> R register(LongFunction<R> factory, Duration timeout) {
		R request = factory.apply(this.ids.getAsLong());
		request.refuseWaitsOnReader(this.onReaderThread);
		long deadline = System.nanoTime() + timeout.toNanos();
		request.deadlineNanos(deadline);
		this.requests.put(request.id(), request);
		request.future().whenComplete((result, failure) -> {
			this.requests.remove(request.id());
			this.metrics.requestCompleted(request.type(), request.outcome(),
					Duration.ofNanos(System.nanoTime() - request.startNanos()));
		});
		// tracked first: a timeout task that runs meanwhile sees it and sets itself for it
		timeoutAt(deadline);
		return request;
	}

	/** Makes sure the timeout task runs by that deadline. */
	private void timeoutAt(long deadline) {
		synchronized (this.timeoutLock) {
			if (this.timeoutTask != null && this.timeoutTaskDeadline - deadline <= 0) {
				return;
			}
			if (this.timer.isShutdown()) {
				return;
			}
			if (this.timeoutTask != null) {
				this.timeoutTask.cancel(false);
			}
			this.timeoutTaskDeadline = deadline;
			this.timeoutTask = this.timer.schedule(this::timeOutDue, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
		}
	}

	private void timeOutDue() {
		synchronized (this.timeoutLock) {
			this.timeoutTask = null;
		}
		long now = System.nanoTime();
		long next = 0;
		boolean left = false;
		for (PendingRequest<?> request : this.requests.values()) {
			long deadline = request.deadlineNanos();
			if (deadline - now <= 0) {
				request.timedOut();
			}
			else if (!request.future().isDone() && (!left || deadline - next < 0)) {
				next = deadline;
				left = true;
			}
		}
		if (left) {
			timeoutAt(next);
		}
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

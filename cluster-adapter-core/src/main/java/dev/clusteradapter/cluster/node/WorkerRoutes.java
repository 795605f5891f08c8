package dev.clusteradapter.cluster.node;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.clusteradapter.cluster.WorkerStatus;
import dev.clusteradapter.cluster.sticky.WorkerDirectory;
import dev.clusteradapter.cluster.sticky.WorkerEndpoint;

/**
 * The workers the sticky router may route to, from what their heartbeats report, with
 * their session counts kept up to date between heartbeats ({@link SessionCounts}). The
 * router asks on every request, from I/O threads, so the answer is a snapshot: the workers
 * are looked up again at most every 200 ms, and at once when a worker's link drops
 * ({@link #invalidate()}), so a dead worker gets no new clients; their session counts are
 * brought up to date at once whenever a session is routed or a worker reports.
 */
public final class WorkerRoutes implements WorkerDirectory {

	private static final long REFRESH_NANOS = 200_000_000L;

	private final Supplier<List<WorkerSnapshot>> workers;

	private final String host;

	private final LongSupplier nanoClock;

	private final SessionCounts sessions = new SessionCounts();

	/** Guarded by {@code this}. */
	private List<WorkerEndpoint> serving = List.of();

	private volatile List<WorkerEndpoint> snapshot = List.of();

	private volatile long refreshedAt;

	/**
	 * Creates the directory.
	 * @param workers the workers as the primary knows them
	 * @param host address of the workers' Socket.IO servers, for relaying
	 */
	public WorkerRoutes(Supplier<List<WorkerSnapshot>> workers, String host) {
		this(workers, host, System::nanoTime);
	}

	WorkerRoutes(Supplier<List<WorkerSnapshot>> workers, String host, LongSupplier nanoClock) {
		this.workers = workers;
		this.host = host;
		this.nanoClock = nanoClock;
		this.refreshedAt = nanoClock.getAsLong() - REFRESH_NANOS;
	}

	@Override
	public List<WorkerEndpoint> liveWorkers() {
		if (this.nanoClock.getAsLong() - this.refreshedAt >= REFRESH_NANOS) {
			refresh();
		}
		return this.snapshot;
	}

	@Override
	public synchronized void sessionRouted(WorkerEndpoint worker) {
		this.sessions.routed(worker.id(), this.nanoClock.getAsLong());
		recount();
	}

	/**
	 * A worker reported its sessions; a worker not yet routed to is looked up again, since
	 * it reports once it starts to serve.
	 * @param workerId the worker
	 * @param report its report's bytes ({@link SessionReport})
	 */
	public synchronized void reported(int workerId, byte[] report) {
		SessionReport sessions = SessionReport.decode(report);
		if (sessions == null) {
			return;
		}
		this.sessions.reported(workerId, sessions);
		if (this.serving.stream().anyMatch((worker) -> worker.id() == workerId)) {
			recount();
		}
		else {
			refresh();
		}
	}

	/**
	 * A worker's link came up or went down: its sessions count from zero again, and the
	 * next request sees the workers as they are now.
	 * @param workerId the worker
	 */
	public synchronized void linkChanged(int workerId) {
		this.sessions.forget(workerId);
		refresh();
	}

	/**
	 * Drops the snapshot: the next request sees the workers as they are now.
	 */
	public void invalidate() {
		refresh();
	}

	private synchronized void refresh() {
		List<WorkerEndpoint> live = new ArrayList<>();
		for (WorkerSnapshot worker : this.workers.get()) {
			if (worker.serving()) {
				WorkerStatus status = worker.status();
				Path handover = (status.handoverAddress() != null) ? Path.of(status.handoverAddress()) : null;
				live.add(new WorkerEndpoint(worker.id(), new InetSocketAddress(this.host, status.socketIoPort()),
						handover, 0));
			}
		}
		this.serving = List.copyOf(live);
		this.refreshedAt = this.nanoClock.getAsLong();
		recount();
	}

	/** Publishes the serving workers with their session counts as of now. */
	private void recount() {
		long now = this.nanoClock.getAsLong();
		List<WorkerEndpoint> counted = new ArrayList<>(this.serving.size());
		for (WorkerEndpoint worker : this.serving) {
			counted.add(new WorkerEndpoint(worker.id(), worker.relayAddress(), worker.handoverSocket(),
					this.sessions.sessions(worker.id(), now)));
		}
		this.snapshot = List.copyOf(counted);
	}

}

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
 * The workers the sticky router may route to, from what their heartbeats report. The
 * router asks on every request, from I/O threads, so the answer is a snapshot refreshed at
 * most every 200 ms, and at once when a worker's link drops
 * ({@link #invalidate()}): a dead worker gets no new clients.
 */
public final class WorkerRoutes implements WorkerDirectory {

	private static final long REFRESH_NANOS = 200_000_000L;

	private final Supplier<List<WorkerSnapshot>> workers;

	private final String host;

	private final LongSupplier nanoClock;

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

	/**
	 * Drops the snapshot: the next request sees the workers as they are now.
	 */
	public void invalidate() {
		refresh();
	}

	private void refresh() {
		List<WorkerEndpoint> live = new ArrayList<>();
		for (WorkerSnapshot worker : this.workers.get()) {
			if (worker.serving()) {
				WorkerStatus status = worker.status();
				Path handover = (status.handoverAddress() != null) ? Path.of(status.handoverAddress()) : null;
				live.add(new WorkerEndpoint(worker.id(), new InetSocketAddress(this.host, status.socketIoPort()), handover,
						status.clients()));
			}
		}
		this.snapshot = List.copyOf(live);
		this.refreshedAt = this.nanoClock.getAsLong();
	}

}

package dev.clusteradapter.cluster.autoconfigure.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import dev.clusteradapter.cluster.WorkerStatus;
import dev.clusteradapter.cluster.WorkerStatus.RequestTotal;
import dev.clusteradapter.cluster.adapter.RequestOutcome;
import dev.clusteradapter.cluster.adapter.RequestTotals;
import dev.clusteradapter.cluster.adapter.RequestType;
import dev.clusteradapter.cluster.ipc.IpcLinkInfo;
import dev.clusteradapter.cluster.ipc.IpcLinkListener;
import dev.clusteradapter.cluster.node.PrimaryNode;
import dev.clusteradapter.cluster.node.WorkerSnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The primary's view of its workers: {@code socketio.cluster.workers.alive} (workers that
 * serve), and per worker (tag {@code worker}, its id) {@code socketio.cluster.worker.clients}
 * and {@code socketio.cluster.worker.restarts}. Worker ids are the supervisor's 1..N, or
 * those of external workers as they link, so the tag stays bounded by the worker count.
 * <p>
 * Also {@code socketio.cluster.worker.requests}: function timers, tagged {@code worker},
 * {@code type} and {@code outcome}, of the adapter requests each worker reported in its last
 * heartbeat, held while it is missing. A worker's totals start from zero with each of its
 * JVMs, as a counter does after a restart, which rate functions such as Prometheus's
 * {@code rate()} take as a reset.
 * They are not named {@code socketio.cluster.requests}: the primary times its own requests
 * under that name without a {@code worker} tag, and registries such as Prometheus refuse one
 * name with two sets of tag keys.
 */
public class WorkerMeters implements MeterBinder {

	static final String ALIVE = "socketio.cluster.workers.alive";

	static final String CLIENTS = "socketio.cluster.worker.clients";

	static final String RESTARTS = "socketio.cluster.worker.restarts";

	static final String REQUESTS = "socketio.cluster.worker.requests";

	private static final RequestTotal NO_REQUESTS = new RequestTotal(0, 0);

	private final Supplier<PrimaryNode> node;

	private final int expectedWorkers;

	private final Set<Integer> boundWorkers = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the binder.
	 * @param node the primary, asked when bound
	 * @param expectedWorkers workers the primary runs, {@code 0} when workers are external
	 */
	public WorkerMeters(Supplier<PrimaryNode> node, int expectedWorkers) {
		this.node = node;
		this.expectedWorkers = expectedWorkers;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		PrimaryNode primary = this.node.get();
		if (primary == null) {
			return;
		}
		Gauge.builder(ALIVE, primary, (node) -> node.workers().stream().filter(WorkerSnapshot::serving).count())
			.description("Workers that serve clients: linked to the primary and listening")
			.strongReference(true)
			.register(registry);
		for (int id = 1; id <= this.expectedWorkers; id++) {
			bindWorker(registry, primary, id);
		}
		primary.workers().forEach((worker) -> bindWorker(registry, primary, worker.id()));
		primary.hub().addLinkListener(new IpcLinkListener() {

			@Override
			public void linkUp(IpcLinkInfo link) {
				bindWorker(registry, primary, link.workerId());
			}

		});
	}

	private void bindWorker(MeterRegistry registry, PrimaryNode primary, int id) {
		// expected workers, the linked ones and every later link name the same ids again
		if (!this.boundWorkers.add(id)) {
			return;
		}
		String worker = Integer.toString(id);
		Gauge.builder(CLIENTS, primary, of(id, (snapshot) -> snapshot.status().clients()))
			.description("Socket.IO clients connected to a worker, as its last heartbeat reported")
			.tag("worker", worker)
			.strongReference(true)
			.register(registry);
		FunctionCounter.builder(RESTARTS, primary, of(id, WorkerSnapshot::restarts))
			.description("Times a worker's JVM was replaced")
			.tag("worker", worker)
			.register(registry);
		AtomicReference<WorkerStatus> lastReport = new AtomicReference<>(WorkerStatus.UNKNOWN);
		for (RequestType type : RequestType.values()) {
			for (RequestOutcome outcome : RequestOutcome.values()) {
				String key = RequestTotals.key(type, outcome);
				FunctionTimer
					.builder(REQUESTS, primary, (node) -> requests(node, id, lastReport, key).count(),
							(node) -> requests(node, id, lastReport, key).totalNanos(), TimeUnit.NANOSECONDS)
					.description("Inter-node requests of a worker's cluster adapter, as its last heartbeat reported")
					.tag("worker", worker)
					.tag("type", type.tag())
					.tag("outcome", outcome.tag())
					.register(registry);
			}
		}
	}

	/**
	 * A worker's totals as its last report gave them. A missing worker reports nothing, and
	 * dropping to zero then would read as a counter reset: if the same JVM linked again, its
	 * whole history would count twice. Only a new JVM's report starts from zero.
	 */
	private static RequestTotal requests(PrimaryNode primary, int id, AtomicReference<WorkerStatus> lastReport,
			String key) {
		WorkerStatus current = WorkerStatus.UNKNOWN;
		for (WorkerSnapshot snapshot : primary.workers()) {
			if (snapshot.id() == id) {
				current = snapshot.status();
			}
		}
		WorkerStatus reported = (current.pid() > 0) ? current : lastReport.get();
		lastReport.set(reported);
		return reported.requests().getOrDefault(key, NO_REQUESTS);
	}

	private static ToDoubleFunction<PrimaryNode> of(int id, ToDoubleFunction<WorkerSnapshot> value) {
		return (primary) -> {
			for (WorkerSnapshot snapshot : primary.workers()) {
				if (snapshot.id() == id) {
					return value.applyAsDouble(snapshot);
				}
			}
			return 0;
		};
	}

}

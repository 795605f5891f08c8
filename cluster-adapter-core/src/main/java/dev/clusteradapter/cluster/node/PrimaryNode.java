package dev.clusteradapter.cluster.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.clusteradapter.cluster.ClusterBus;
import dev.clusteradapter.cluster.WorkerStatus;
import dev.clusteradapter.cluster.ipc.IpcEndpoint;
import dev.clusteradapter.cluster.ipc.IpcHub;
import dev.clusteradapter.cluster.ipc.IpcLinkInfo;
import dev.clusteradapter.cluster.ipc.IpcLinkListener;
import dev.clusteradapter.cluster.sticky.StickyRouter;
import dev.clusteradapter.cluster.supervisor.WorkerInfo;
import dev.clusteradapter.cluster.supervisor.WorkerSupervisor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The primary: the IPC hub its workers link to, the sticky router on the public port and,
 * unless workers are external, the supervisor that runs them. Starts the hub before the
 * workers, which need its address, and stops the workers before the hub, so that none sees
 * its primary vanish first. A supervised worker whose link the hub drops (no heartbeat, too
 * far behind) is ended and replaced by the supervisor.
 */
public final class PrimaryNode {

	private static final Logger logger = LoggerFactory.getLogger(PrimaryNode.class);

	// workers serve Socket.IO on loopback: only their primary routes to them
	private static final String LOOPBACK = "127.0.0.1";

	private final IpcHub hub;

	private final WorkerSupervisor supervisor;

	private final StickyRouter router;

	private final Map<Integer, DecodedStatus> statuses = new ConcurrentHashMap<>();

	/**
	 * Creates a primary.
	 * @param hub the IPC hub
	 * @param supervisorFactory builds the supervisor once the hub's endpoint is known, or
	 * returns {@code null} when workers are external
	 * @param routerFactory builds the sticky router from the workers' directory, or returns
	 * {@code null} when this primary serves no public port
	 */
	public PrimaryNode(IpcHub hub, Function<PrimaryNode, WorkerSupervisor> supervisorFactory,
			Function<WorkerRoutes, StickyRouter> routerFactory) {
		this.hub = hub;
		this.supervisor = supervisorFactory.apply(this);
		WorkerRoutes routes = new WorkerRoutes(this::workers, LOOPBACK);
		hub.addLinkListener(new IpcLinkListener() {

			@Override
			public void linkUp(IpcLinkInfo link) {
				routes.linkChanged(link.workerId());
				if (PrimaryNode.this.supervisor != null) {
					PrimaryNode.this.supervisor.linked(link.workerId(), link.pid().orElse(-1));
				}
			}

			@Override
			public void reported(int workerId, byte[] report) {
				routes.reported(workerId, report);
			}

			@Override
			public void linkDown(IpcLinkInfo link) {
				routes.linkChanged(link.workerId());
				if (PrimaryNode.this.supervisor != null && link.droppedBecause() != null) {
					// a worker that lost its link leaves by itself; one that does not is hung
					PrimaryNode.this.supervisor.linkLost(link.workerId(), link.pid().orElse(-1), link.droppedBecause());
				}
			}

		});
		this.router = routerFactory.apply(routes);
	}

	/**
	 * Binds the IPC endpoint and the public port, then starts the workers.
	 */
	public void start() {
		try {
			this.hub.start();
			if (this.router != null) {
				InetSocketAddress address = this.router.start();
				logger.info("Socket.IO cluster listening on {}:{} ({} mode)", address.getHostString(), address.getPort(),
						this.router.mode().name().toLowerCase(Locale.ROOT));
			}
		}
		catch (IOException ex) {
			stop();
			throw new UncheckedIOException("Cannot bind the IPC endpoint", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop();
			throw new IllegalStateException("Interrupted while binding the public port", ex);
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
		if (this.supervisor != null) {
			this.supervisor.start();
		}
	}

	/**
	 * Stops taking clients, stops the workers gracefully, then the hub.
	 */
	public void stop() {
		if (this.router != null) {
			this.router.close();
		}
		if (this.supervisor != null) {
			this.supervisor.stop();
		}
		this.hub.stop();
	}

	/**
	 * Address of the public port.
	 * @return the bound address, or {@code null} without a router or before start
	 */
	public InetSocketAddress publicAddress() {
		return (this.router != null) ? this.router.localAddress() : null;
	}

	/**
	 * Endpoint workers link to.
	 * @return the bound endpoint
	 */
	public IpcEndpoint endpoint() {
		return this.hub.endpoint();
	}

	/**
	 * The primary's own view of the cluster bus (node {@link ClusterBus#PRIMARY}).
	 * @return the bus
	 */
	public ClusterBus bus() {
		return this.hub.bus();
	}

	/**
	 * IPC hub of this primary.
	 * @return the hub
	 */
	public IpcHub hub() {
		return this.hub;
	}

	/**
	 * The standby JVM the supervisor keeps to replace a worker at once.
	 * @return its pid, {@code -1} while there is none; {@code -1} too without a standby or a
	 * supervisor
	 */
	public long standbyPid() {
		WorkerInfo standby = (this.supervisor != null) ? this.supervisor.standby() : null;
		return (standby != null) ? standby.pid() : -1;
	}

	/**
	 * Every worker, supervised or linked, by id.
	 * @return snapshots ordered by worker id
	 */
	public List<WorkerSnapshot> workers() {
		Map<Integer, IpcLinkInfo> links = new TreeMap<>();
		this.hub.links().forEach((link) -> links.put(link.workerId(), link));
		List<WorkerSnapshot> workers = new ArrayList<>();
		if (this.supervisor != null) {
			for (WorkerInfo info : this.supervisor.workers()) {
				IpcLinkInfo link = links.remove(info.id());
				workers.add(snapshot(info, link));
			}
		}
		links.values().forEach((link) -> workers.add(snapshot(null, link)));
		workers.sort((a, b) -> Integer.compare(a.id(), b.id()));
		return workers;
	}

	private WorkerSnapshot snapshot(WorkerInfo info, IpcLinkInfo link) {
		WorkerStatus status = (link != null) ? status(link) : WorkerStatus.UNKNOWN;
		long pid = (info != null) ? info.pid() : link.pid().orElse(status.pid() > 0 ? status.pid() : -1);
		return new WorkerSnapshot((info != null) ? info.id() : link.workerId(), pid, (info != null) ? info.state() : null,
				(info != null) ? info.restarts() : 0, (info != null) ? info.startedAt() : link.connectedSince(),
				link != null, (link != null) ? link.lastHeartbeat() : null, status,
				(info != null) ? info.lastExitReason() : null);
	}


	/**
	 * The status a link's last heartbeat carried, decoded once per heartbeat: the router,
	 * health and meters all ask for the workers, the router several times a second.
	 */
	private WorkerStatus status(IpcLinkInfo link) {
		byte[] raw = link.lastStatus();
		DecodedStatus cached = this.statuses.get(link.workerId());
		if (cached != null && Arrays.equals(cached.raw(), raw)) {
			return cached.status();
		}
		WorkerStatus status = WorkerStatus.decode(raw);
		this.statuses.put(link.workerId(), new DecodedStatus(raw, status));
		return status;
	}

	private record DecodedStatus(byte[] raw, WorkerStatus status) {
	}

}

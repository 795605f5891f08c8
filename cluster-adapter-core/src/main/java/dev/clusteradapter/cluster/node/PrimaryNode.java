package dev.clusteradapter.cluster.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.clusteradapter.cluster.ClusterBus;
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

	private final WorkerSnapshots workers;

	private final StickyRouter router;

	private PrimaryNode(IpcHub hub, WorkerSupervisor supervisor, WorkerSnapshots workers, StickyRouter router) {
		this.hub = hub;
		this.supervisor = supervisor;
		this.workers = workers;
		this.router = router;
	}

	/**
	 * Assembles a primary; nothing is bound or started before {@link #start()}.
	 * @param hub the IPC hub
	 * @param supervisorFactory builds the supervisor from the hub's endpoint (known once the
	 * hub is started, before any worker is), or returns {@code null} when workers are external
	 * @param routerFactory builds the sticky router from the workers' directory, or returns
	 * {@code null} when this primary serves no public port
	 * @return the primary
	 */
	public static PrimaryNode create(IpcHub hub, Function<Supplier<IpcEndpoint>, WorkerSupervisor> supervisorFactory,
			Function<WorkerRoutes, StickyRouter> routerFactory) {
		WorkerSupervisor supervisor = supervisorFactory.apply(hub::endpoint);
		WorkerSnapshots workers = new WorkerSnapshots(hub, supervisor);
		WorkerRoutes routes = new WorkerRoutes(workers::all, LOOPBACK);
		hub.addLinkListener(new IpcLinkListener() {

			@Override
			public void linkUp(IpcLinkInfo link) {
				routes.linkChanged(link.workerId());
				if (supervisor != null) {
					supervisor.linked(link.workerId(), link.pid().orElse(-1));
				}
			}

			@Override
			public void reported(int workerId, byte[] report) {
				routes.reported(workerId, report);
			}

			@Override
			public void linkDown(IpcLinkInfo link) {
				routes.linkChanged(link.workerId());
				if (supervisor != null && link.droppedBecause() != null) {
					// a worker that lost its link leaves by itself; one that does not is hung
					supervisor.linkLost(link.workerId(), link.pid().orElse(-1), link.droppedBecause());
				}
			}

		});
		return new PrimaryNode(hub, supervisor, workers, routerFactory.apply(routes));
	}

	/**
	 * Binds the IPC endpoint and the public port, then starts the workers.
	 */
	public void start() {
		try {
			this.hub.start();
		}
		catch (IOException ex) {
			stop();
			throw new UncheckedIOException("Cannot bind the IPC endpoint", ex);
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
		try {
			if (this.router != null) {
				InetSocketAddress address = this.router.start();
				logger.info("Socket.IO cluster listening on {}:{}, sticky mode {}", address.getHostString(),
						address.getPort(), this.router.describeMode());
			}
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
		return this.workers.all();
	}

}

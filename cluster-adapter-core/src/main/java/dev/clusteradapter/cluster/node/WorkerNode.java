package dev.clusteradapter.cluster.node;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import dev.clusteradapter.cluster.ClusterBus;
import dev.clusteradapter.cluster.WorkerStatus;
import dev.clusteradapter.cluster.ipc.IpcClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's link to its primary. A worker without its primary can neither reach the
 * other workers nor be reached by clients, so losing the link ends the worker (the
 * supervisor starts a fresh one).
 */
public final class WorkerNode {

	private static final Logger logger = LoggerFactory.getLogger(WorkerNode.class);

	private final IpcClient client;

	private final Future<Integer> adoption;

	private final Duration connectTimeout;

	private final Runnable onPrimaryLost;

	private final LongAdder sessionsOpened = new LongAdder();

	private volatile boolean stopping;

	/**
	 * Creates a worker's link.
	 * @param client IPC client to the primary
	 * @param connectTimeout how long to wait for the link to authenticate at start
	 * @param onPrimaryLost run once when the link drops while the worker is not stopping
	 */
	public WorkerNode(IpcClient client, Duration connectTimeout, Runnable onPrimaryLost) {
		this(client, null, connectTimeout, onPrimaryLost);
	}

	/**
	 * Creates the link of a worker that may be a standby.
	 * @param client IPC client to the primary
	 * @param adoption for a standby, completes with the worker id the primary adopts it as
	 * (exceptionally if it leaves first); {@link #start()} waits for it before linking.
	 * {@code null} for a worker that knows its id
	 * @param connectTimeout how long to wait for the link to authenticate at start
	 * @param onPrimaryLost run once when the link drops while the worker is not stopping
	 */
	public WorkerNode(IpcClient client, Future<Integer> adoption, Duration connectTimeout, Runnable onPrimaryLost) {
		this.client = client;
		this.adoption = adoption;
		this.connectTimeout = connectTimeout;
		this.onPrimaryLost = onPrimaryLost;
	}

	/**
	 * Reports this status in every heartbeat.
	 * @param status current status of this worker
	 */
	public void reportStatus(Supplier<WorkerStatus> status) {
		this.client.setStatusSupplier(() -> status.get().encode());
	}

	/**
	 * Reports this worker's sessions to the primary as they open and close, between
	 * heartbeats, so that least-connection balancing sees every connection: call
	 * {@link #sessionOpened()} and {@link #sessionClosed()} as they do.
	 * @param open the sessions this worker holds now
	 */
	public void reportSessions(IntSupplier open) {
		this.client.setReportSupplier(() -> new SessionReport(open.getAsInt(), this.sessionsOpened.sum()).encode());
	}

	/**
	 * A session opened. Cheap: reports of sessions opening and closing at once are sent as
	 * one.
	 */
	public void sessionOpened() {
		this.sessionsOpened.increment();
		this.client.reportSoon();
	}

	/**
	 * A session closed. Cheap: reports of sessions opening and closing at once are sent as
	 * one.
	 */
	public void sessionClosed() {
		this.client.reportSoon();
	}

	/**
	 * Tells the primary at once, rather than at the next heartbeat, that this worker serves:
	 * its status and its sessions.
	 */
	public void announce() {
		this.client.heartbeatNow();
		this.client.reportSoon();
	}

	/**
	 * Links to the primary, waiting until authenticated; a standby first waits, as long as
	 * it takes, until its primary adopts it. Until then nothing of it serves: the
	 * application's later start phases (the Socket.IO server) follow its adoption.
	 * @throws IllegalStateException when the primary cannot be reached or refuses, or the
	 * standby leaves before being adopted
	 */
	public void start() {
		try {
			CompletableFuture<Integer> linking = (this.adoption != null) ? this.client.connect(awaitAdoption())
					: this.client.connect();
			int id = linking.get(this.connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
			logger.info("Linked to the primary at {} as worker {}", this.client.endpoint(), id);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while linking to the primary", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot link to the primary", (ex.getCause() != null) ? ex.getCause() : ex);
		}
		this.client.closeFuture().whenComplete((result, failure) -> {
			if (!this.stopping) {
				logger.error("Link to the primary lost: this worker stops");
				this.onPrimaryLost.run();
			}
		});
	}

	private int awaitAdoption() throws InterruptedException {
		this.client.prepare();
		logger.info("Standby: ready, waiting for the primary to adopt this JVM as a worker");
		try {
			return this.adoption.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Standby left before it was adopted", ex.getCause());
		}
	}

	/**
	 * Closes the link.
	 */
	public void stop() {
		this.stopping = true;
		this.client.close();
	}

	/**
	 * This worker's view of the cluster bus.
	 * @return the bus
	 */
	public ClusterBus bus() {
		return this.client;
	}

	/**
	 * Whether the link is up.
	 * @return true while linked
	 */
	public boolean isLinked() {
		return this.client.isConnected();
	}

}

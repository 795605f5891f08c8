package dev.clusteradapter.cluster.socketio;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.scheduler.CancelableScheduler;
import com.corundumstudio.socketio.scheduler.SchedulerKey;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * netty-socketio's timers (each session's ping and ping timeout, the first-data and upgrade
 * timeouts, acknowledgement timeouts) on the server's own event loops, in place of its
 * {@code HashedWheelTimer}, a thread that wakes ten times a second whether anything is due or
 * not. An event loop sleeps until the next deadline; a timer set from one of the loops runs on
 * that loop, so that a session's timers, set and cancelled by its connection, stay on its
 * connection's thread.
 * <p>
 * As netty-socketio's: a keyed timer replaces the one set under the same key, and leaves the
 * table of keys when it runs or is cancelled. Unlike it, a timer that runs never takes a later
 * one set under its key out of the table, and one replaced or cancelled before it started
 * never runs.
 */
public final class EventLoopScheduler implements CancelableScheduler {

	private final EventLoopGroup loops;

	private final ConcurrentMap<SchedulerKey, Keyed> keyed = new ConcurrentHashMap<>();

	/**
	 * Creates a scheduler on a group of event loops; it never shuts the group down.
	 * @param loops the server's event loops
	 */
	public EventLoopScheduler(EventLoopGroup loops) {
		this.loops = loops;
	}

	@Override
	public void update(ChannelHandlerContext ctx) {
		// netty-socketio's timer ran acknowledgement timeouts on the last connection's event
		// loop; these run on the loop that set them, or on any of the group's
	}

	@Override
	public void cancel(SchedulerKey key) {
		Keyed task = this.keyed.remove(key);
		if (task != null) {
			task.cancel();
		}
	}

	@Override
	public void schedule(Runnable runnable, long delay, TimeUnit unit) {
		loop().schedule(runnable, delay, unit);
	}

	@Override
	public void scheduleCallback(SchedulerKey key, Runnable runnable, long delay, TimeUnit unit) {
		schedule(key, runnable, delay, unit);
	}

	@Override
	public void schedule(SchedulerKey key, Runnable runnable, long delay, TimeUnit unit) {
		Keyed task = new Keyed(key, runnable);
		// in the table before it can run: when it runs, it takes itself out, never a later one
		Keyed replaced = this.keyed.put(key, task);
		if (replaced != null) {
			replaced.cancel();
		}
		task.scheduled(loop().schedule(task, delay, unit));
	}

	/** Cancels every timer set under a key; the event loops are the server's to shut down. */
	@Override
	public void shutdown() {
		for (SchedulerKey key : this.keyed.keySet()) {
			cancel(key);
		}
	}

	/**
	 * Timers set under a key and not yet run or cancelled.
	 * @return their number
	 */
	int pending() {
		return this.keyed.size();
	}

	private EventExecutor loop() {
		for (EventExecutor loop : this.loops) {
			if (loop.inEventLoop()) {
				return loop;
			}
		}
		return this.loops.next();
	}

	private final class Keyed implements Runnable {

		private final SchedulerKey key;

		private final Runnable runnable;

		private volatile boolean cancelled;

		private volatile ScheduledFuture<?> future;

		Keyed(SchedulerKey key, Runnable runnable) {
			this.key = key;
			this.runnable = runnable;
		}

		void scheduled(ScheduledFuture<?> future) {
			this.future = future;
			if (this.cancelled) {
				// cancelled while being scheduled
				future.cancel(false);
			}
		}

		void cancel() {
			this.cancelled = true;
			ScheduledFuture<?> scheduled = this.future;
			if (scheduled != null) {
				try {
					scheduled.cancel(false);
				}
				catch (RejectedExecutionException ex) {
					// its loop is shutting down, and cancels it itself
				}
			}
		}

		@Override
		public void run() {
			EventLoopScheduler.this.keyed.remove(this.key, this);
			if (!this.cancelled) {
				this.runnable.run();
			}
		}

	}

}

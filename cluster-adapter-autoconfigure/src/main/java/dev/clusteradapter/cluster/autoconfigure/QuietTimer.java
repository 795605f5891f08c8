package dev.clusteradapter.cluster.autoconfigure;

import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Netty {@link Timer} whose thread sleeps until a task is due. Lettuce's default, a
 * {@code HashedWheelTimer}, ticks ten times a second from its first task (a connection's
 * handshake timeout) until it is stopped; the Redis transport's client schedules a task only
 * on a handshake or a reconnection, so its timer has nothing to do at rest.
 */
final class QuietTimer implements Timer {

	private static final Logger logger = LoggerFactory.getLogger(QuietTimer.class);

	private final ScheduledThreadPoolExecutor executor;

	QuietTimer(String threadName) {
		this.executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, threadName);
			thread.setDaemon(true);
			return thread;
		});
		// a cancelled timeout leaves the queue at once: no wake-up at its deadline
		this.executor.setRemoveOnCancelPolicy(true);
	}

	@Override
	public Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
		ScheduledTimeout timeout = new ScheduledTimeout(task);
		timeout.future = this.executor.schedule(timeout, delay, unit);
		return timeout;
	}

	@Override
	public Set<Timeout> stop() {
		this.executor.shutdownNow();
		return Set.of();
	}

	private final class ScheduledTimeout implements Timeout, Runnable {

		private static final int WAITING = 0;

		private static final int CANCELLED = 1;

		private static final int EXPIRED = 2;

		private final TimerTask task;

		private final AtomicInteger state = new AtomicInteger(WAITING);

		private volatile ScheduledFuture<?> future;

		ScheduledTimeout(TimerTask task) {
			this.task = task;
		}

		@Override
		public void run() {
			if (!this.state.compareAndSet(WAITING, EXPIRED)) {
				return;
			}
			try {
				this.task.run(this);
			}
			catch (Throwable ex) {
				logger.warn("A Redis client's timer task failed", ex);
			}
		}

		@Override
		public Timer timer() {
			return QuietTimer.this;
		}

		@Override
		public TimerTask task() {
			return this.task;
		}

		@Override
		public boolean isExpired() {
			return this.state.get() == EXPIRED;
		}

		@Override
		public boolean isCancelled() {
			return this.state.get() == CANCELLED;
		}

		@Override
		public boolean cancel() {
			if (!this.state.compareAndSet(WAITING, CANCELLED)) {
				return false;
			}
			ScheduledFuture<?> scheduled = this.future;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
			return true;
		}

	}

}

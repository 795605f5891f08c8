package dev.clusteradapter.cluster.autoconfigure;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Boot's Lettuce timer, started by its first task instead of when the client resources are
 * built. Lettuce starts a {@link HashedWheelTimer} it is given, or makes, at once, and it
 * then ticks ten times a second for the life of the application, whether or not anything
 * ever uses it. With the Redis transport, whose client has a timer of its own
 * ({@link QuietTimer}), an application that sends no Redis command of its own never starts
 * it; one that does gets the same timer as before, from its first command on. Not a
 * {@code HashedWheelTimer} itself, so that Lettuce does not start it.
 */
final class LazyLettuceTimer implements Timer {

	private final HashedWheelTimer timer = new HashedWheelTimer(new DefaultThreadFactory("lettuce-timer", true));

	private volatile boolean started;

	@Override
	public Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
		this.started = true;
		return this.timer.newTimeout(task, delay, unit);
	}

	@Override
	public Set<Timeout> stop() {
		return this.timer.stop();
	}

	/**
	 * Whether a task was ever scheduled, which started the timer's thread.
	 * @return whether started
	 */
	boolean started() {
		return this.started;
	}

}

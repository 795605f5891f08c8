package dev.clusteradapter.cluster.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;

/**
 * The Redis transport's I/O thread: one event loop of a shared Lettuce group, for both of
 * the transport's connections. A peer that answers a request publishes the answer from the
 * subscriber connection's thread: on the publisher connection's own thread, the write goes
 * out at once instead of being handed to another thread and waking it. At rest one thread
 * wakes for the transport, not two. The group stays its owner's: released, never shut down.
 */
final class OneEventLoopProvider implements EventLoopGroupProvider {

	private final EventLoopGroupProvider shared;

	/** The loop picked in each group allocated, and back. */
	private final Map<EventLoopGroup, EventLoop> loops = new ConcurrentHashMap<>();

	private final Map<EventLoop, EventLoopGroup> groups = new ConcurrentHashMap<>();

	OneEventLoopProvider(EventLoopGroupProvider shared) {
		this.shared = shared;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends EventLoopGroup> T allocate(Class<T> type) {
		EventLoopGroup group = this.shared.allocate(type);
		EventLoop loop = this.loops.computeIfAbsent(group, (key) -> {
			EventLoop picked = key.next();
			this.groups.put(picked, key);
			return picked;
		});
		// an event loop is a group of one: Lettuce registers every channel on it
		return (T) loop;
	}

	@Override
	public int threadPoolSize() {
		return 1;
	}

	@Override
	public Future<Boolean> release(EventExecutorGroup eventLoopGroup, long quietPeriod, long timeout, TimeUnit unit) {
		EventLoopGroup group = this.groups.get(eventLoopGroup);
		if (group == null) {
			return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
		}
		return this.shared.release(group, quietPeriod, timeout, unit);
	}

	@Override
	public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
		// the shared group is its owner's to shut down
		return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
	}

}

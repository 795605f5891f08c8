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
import io.netty.util.concurrent.Promise;

import dev.clusteradapter.cluster.SocketTransport;
import dev.clusteradapter.cluster.server.ServerEventLoops;

/**
 * The Redis transport's connections on one of the Socket.IO server's event loops (see
 * {@link ServerEventLoops}), where Lettuce asks for event loops the server's transport can
 * serve (epoll, Lettuce's native transport on Linux); on another provider's otherwise. A
 * client's request is published from the thread that read it, and the answers are read and
 * acknowledged to the client on that thread too when the client is on that loop.
 */
final class ServerLoopProvider implements EventLoopGroupProvider {

	/** Lettuce's epoll group type, named: the class is deprecated in Netty 4.2. */
	private static final String EPOLL_GROUP = "io.netty.channel.epoll.EpollEventLoopGroup";

	private final ServerEventLoops loops;

	private final EventLoopGroupProvider fallback;

	/** The server loops handed out, each released once. */
	private final Map<EventLoop, Boolean> taken = new ConcurrentHashMap<>();

	ServerLoopProvider(ServerEventLoops loops, EventLoopGroupProvider fallback) {
		this.loops = loops;
		this.fallback = fallback;
	}

	/**
	 * Whether Lettuce's connections for a group type can run on the server's loops.
	 * @param type the group type Lettuce asks for
	 * @param loops the server's loops
	 * @return {@code true} when both are epoll's
	 */
	static boolean shareable(Class<?> type, ServerEventLoops loops) {
		return loops.transport() == SocketTransport.EPOLL && EPOLL_GROUP.equals(type.getName());
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends EventLoopGroup> T allocate(Class<T> type) {
		if (!shareable(type, this.loops)) {
			return this.fallback.allocate(type);
		}
		EventLoop loop = this.loops.acquireOne();
		this.taken.put(loop, Boolean.TRUE);
		// an event loop is a group of one: Lettuce registers every channel on it
		return (T) loop;
	}

	@Override
	public int threadPoolSize() {
		return this.fallback.threadPoolSize();
	}

	@Override
	public Future<Boolean> release(EventExecutorGroup eventLoopGroup, long quietPeriod, long timeout, TimeUnit unit) {
		if (eventLoopGroup instanceof EventLoop loop && this.taken.remove(loop) != null) {
			// done once the loops have terminated, when this was their last user
			Promise<Boolean> done = ImmediateEventExecutor.INSTANCE.newPromise();
			this.loops.release().addListener((released) -> done.setSuccess(Boolean.TRUE));
			return done;
		}
		return this.fallback.release(eventLoopGroup, quietPeriod, timeout, unit);
	}

	@Override
	public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
		this.taken.keySet().removeIf((loop) -> {
			this.loops.release();
			return true;
		});
		return this.fallback.shutdown(quietPeriod, timeout, unit);
	}

}

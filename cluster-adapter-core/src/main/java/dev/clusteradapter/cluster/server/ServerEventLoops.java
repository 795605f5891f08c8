package dev.clusteradapter.cluster.server;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;

import dev.clusteradapter.cluster.SocketTransport;

/**
 * The event loops that serve a server's client connections, shared with the other
 * connections of the process that do best on the same threads: the Redis transport's, so
 * that a request a client sends is published, and its answers are read and acknowledged to
 * the client, without a thread between them, as a Node.js server does on its one thread.
 * <p>
 * The loops are made by the first user that {@link #acquire() acquires} them and shut down
 * when the last one {@link #release() releases} them: a server that stops leaves them to a
 * Redis connection still saying goodbye, and one that starts after Redis connected finds them.
 * Thread-safe.
 */
public final class ServerEventLoops {

	private static final long QUIET_PERIOD_MILLIS = 100;

	private static final long SHUTDOWN_TIMEOUT_MILLIS = 5000;

	private final SocketTransport transport;

	private final int threads;

	private EventLoopGroup group;

	private int users;

	/**
	 * Event loops of a transport.
	 * @param transport the transport, as configured ({@link SocketTransport#AUTO} resolves now)
	 * @param threads how many loops; {@code 0} for Netty's default (twice the processors)
	 * @throws IllegalStateException when the transport is configured and unavailable
	 */
	public ServerEventLoops(SocketTransport transport, int threads) {
		this.transport = transport.resolve();
		this.threads = threads;
	}

	/**
	 * Transport of the loops.
	 * @return {@link SocketTransport#IO_URING}, {@link SocketTransport#EPOLL} or {@link SocketTransport#NIO}
	 */
	public SocketTransport transport() {
		return this.transport;
	}

	/**
	 * Number of loops.
	 * @return as given; {@code 0} for Netty's default
	 */
	public int threads() {
		return this.threads;
	}

	/**
	 * Takes the loops, making them for the first user.
	 * @return the loops, to {@link #release()} once done with them
	 */
	public synchronized EventLoopGroup acquire() {
		if (this.group == null) {
			this.group = new MultiThreadIoEventLoopGroup(this.threads, new DefaultThreadFactory("socketio-worker"),
					this.transport.ioHandlerFactory());
		}
		this.users++;
		return this.group;
	}

	/**
	 * Takes one loop of the loops, for connections that belong on one thread.
	 * @return the loop, to {@link #release()} once done with it
	 */
	public synchronized EventLoop acquireOne() {
		return acquire().next();
	}

	/**
	 * Gives the loops back; the last user's release shuts them down gracefully (the
	 * connections still open on them are closed).
	 * @return done once the loops have terminated, or at once while others still use them
	 */
	public synchronized Future<?> release() {
		if (this.users == 0) {
			return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
		}
		if (--this.users > 0) {
			return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
		}
		EventLoopGroup released = this.group;
		this.group = null;
		return released.shutdownGracefully(QUIET_PERIOD_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
	}

	/**
	 * Whether the loops are made and in use.
	 * @return {@code true} between the first acquisition and the last release
	 */
	public synchronized boolean inUse() {
		return this.users > 0;
	}

}

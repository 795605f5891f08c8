package dev.clusteradapter.cluster.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.clusteradapter.cluster.server.ClusteredSocketIOServer;
import dev.clusteradapter.cluster.sticky.HandoverReceiver;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Takes the client connections the primary hands over, once the worker's Socket.IO server
 * listens, and gives them to that server.
 */
public class HandoverLifecycle implements SmartLifecycle {

	private final ClusteredSocketIOServer server;

	private final Supplier<Path> socket;

	private volatile HandoverReceiver receiver;

	private volatile EventLoopGroup group;

	private volatile boolean running;

	private final Runnable onStarted;

	/**
	 * Creates the lifecycle.
	 * @param server the worker's server, which adopts the connections, or {@code null} when
	 * connections cannot be handed over to this worker (they are then relayed)
	 * @param socket path of the Unix socket to take connections on, asked at start
	 */
	public HandoverLifecycle(ClusteredSocketIOServer server, Supplier<Path> socket) {
		this(server, socket, () -> {
		});
	}

	/**
	 * Creates the lifecycle.
	 * @param server the worker's server, which adopts the connections, or {@code null} when
	 * connections cannot be handed over to this worker (they are then relayed)
	 * @param socket path of the Unix socket to take connections on, asked at start
	 * @param onStarted run once connections can be taken (handed over or relayed), for
	 * example to tell the primary at once
	 */
	public HandoverLifecycle(ClusteredSocketIOServer server, Supplier<Path> socket, Runnable onStarted) {
		this.server = server;
		this.socket = socket;
		this.onStarted = onStarted;
	}

	/**
	 * Path of the socket taking connections.
	 * @return the path while running, else {@code null}
	 */
	public String socketPath() {
		HandoverReceiver current = this.receiver;
		return (current != null) ? current.socket().toString() : null;
	}

	@Override
	public void start() {
		this.running = true;
		if (this.server == null) {
			this.onStarted.run();
			return;
		}
		this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("socketio-handover", true),
				EpollIoHandler.newFactory());
		HandoverReceiver started = new HandoverReceiver(this.socket.get(), this.group, this.server::adopt);
		try {
			started.start();
		}
		catch (IOException ex) {
			stop();
			throw new UncheckedIOException("Cannot listen for handed-over connections", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop();
			throw new IllegalStateException("Interrupted while listening for handed-over connections", ex);
		}
		this.receiver = started;
		this.onStarted.run();
	}

	@Override
	public void stop() {
		this.running = false;
		HandoverReceiver current = this.receiver;
		this.receiver = null;
		if (current != null) {
			current.close();
		}
		if (this.group != null) {
			this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
			this.group = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SocketIoServerLifecycle.PHASE + 1;
	}

}

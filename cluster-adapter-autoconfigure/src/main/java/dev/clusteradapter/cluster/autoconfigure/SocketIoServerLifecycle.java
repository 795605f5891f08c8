package dev.clusteradapter.cluster.autoconfigure;

import com.corundumstudio.socketio.SocketIOServer;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the netty-socketio server once the application context is ready, and stops it
 * first when the context closes.
 */
public class SocketIoServerLifecycle implements SmartLifecycle {

	/** Phase of the server: after the cluster link, before the web server. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	private final SocketIOServer server;

	private volatile boolean running;

	public SocketIoServerLifecycle(SocketIOServer server) {
		this.server = server;
	}

	@Override
	public void start() {
		this.server.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.server.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

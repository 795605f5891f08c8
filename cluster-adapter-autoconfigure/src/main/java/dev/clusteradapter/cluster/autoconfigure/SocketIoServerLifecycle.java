package dev.clusteradapter.cluster.autoconfigure;

import com.corundumstudio.socketio.SocketIOServer;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the netty-socketio server once the application context is ready, and stops it
 * first when the context closes.
 */
public class SocketIoServerLifecycle extends PhasedLifecycle {

	/** Phase of the server: after the cluster link, before the web server. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	/**
	 * Creates a lifecycle.
	 * @param server the server
	 */
	public SocketIoServerLifecycle(SocketIOServer server) {
		super(server::start, server::stop, PHASE);
	}

}

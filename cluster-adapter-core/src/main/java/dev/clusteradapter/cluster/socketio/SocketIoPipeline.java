package dev.clusteradapter.cluster.socketio;

import java.lang.reflect.Field;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.ClientsBox;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * netty-socketio's channel pipeline (its {@code SocketIOChannelInitializer}, which
 * {@code SocketIOServer.setPipelineFactory} takes), for a subclass that adds handlers
 * around netty-socketio's, by the handler names this class inherits. netty-socketio starts
 * it with its internal {@code NamespacesHub}, which this class keeps from the subclass, and
 * holds its sessions in a private field, which this class reads once, by reflection, for
 * {@link #started}. netty-socketio tells it of every session that ends, which this class
 * passes on to {@link #sessionEnded}.
 */
public abstract class SocketIoPipeline extends SocketIOChannelInitializer {

	static final String SESSIONS_FIELD = "clientsBox";

	private static final Logger logger = LoggerFactory.getLogger(SocketIoPipeline.class);

	@Override
	public final void start(Configuration configuration, NamespacesHub namespacesHub) {
		super.start(configuration, namespacesHub);
		started(configuration, sessions());
	}

	/**
	 * Called when the server starts, after netty-socketio has made its handlers and before
	 * the first connection.
	 * @param configuration the server's configuration
	 * @param sessions the server's sessions, or {@code null} when this netty-socketio
	 * version keeps them elsewhere
	 */
	protected abstract void started(Configuration configuration, EngineIoSessions sessions);

	@Override
	public final void onDisconnect(ClientHead client) {
		sessionEnded(new EngineIoSession(client));
		super.onDisconnect(client);
	}

	/**
	 * Called when a session ends (its client disconnected, was disconnected or timed out),
	 * before netty-socketio forgets it; its packet queues and connections are still there.
	 * @param session the session
	 */
	protected void sessionEnded(EngineIoSession session) {
	}

	private EngineIoSessions sessions() {
		try {
			Field field = SocketIOChannelInitializer.class.getDeclaredField(SESSIONS_FIELD);
			field.setAccessible(true);
			return new EngineIoSessions((ClientsBox) field.get(this));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("Cannot read netty-socketio's sessions ({}): requests for unknown sessions get its own answers",
					ex.toString());
			return null;
		}
	}

}

package dev.clusteradapter.cluster.socketio;

import java.lang.reflect.Field;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.ClientsBox;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import com.corundumstudio.socketio.scheduler.CancelableScheduler;
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

	static final String SCHEDULER_FIELD = "scheduler";

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

	/**
	 * Has netty-socketio's handlers made at the next start use a scheduler in place of its
	 * own timer thread, which is stopped (it holds a thread only once it has run a timer).
	 * Call it before the server starts.
	 * @param scheduler the scheduler
	 * @return {@code false} when this netty-socketio version keeps its scheduler out of
	 * reach: its own then serves
	 */
	public boolean useScheduler(CancelableScheduler scheduler) {
		try {
			Field field = SocketIOChannelInitializer.class.getDeclaredField(SCHEDULER_FIELD);
			field.setAccessible(true);
			CancelableScheduler replaced = (CancelableScheduler) field.get(this);
			field.set(this, scheduler);
			if (replaced != null && replaced != scheduler) {
				replaced.shutdown();
			}
			return true;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("Cannot replace netty-socketio's scheduler ({}): its timer thread serves", ex.toString());
			return false;
		}
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

package dev.clusteradapter.cluster.socketio;

import java.lang.reflect.Field;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.namespace.NamespacesHub;

/**
 * What netty-socketio's {@code SocketIOServer.startAsync} does before it binds, for a
 * subclass that binds on a Netty transport of its own choosing: netty-socketio 2.0.14 fixes
 * its event loops and listening socket to epoll or NIO in {@code startAsync} and
 * {@code initGroups}, and keeps the configuration copy and namespaces its pipeline starts
 * with in private fields, which this class reads by reflection.
 */
public final class SocketIoServerStart {

	static final String CONFIGURATION_FIELD = "configCopy";

	static final String NAMESPACES_FIELD = "namespacesHub";

	private SocketIoServerStart() {
	}

	/**
	 * The configuration the server runs with: its copy, made when it was constructed.
	 * @param server the server
	 * @return the configuration
	 */
	public static Configuration configuration(SocketIOServer server) {
		return (Configuration) read(server, CONFIGURATION_FIELD);
	}

	/**
	 * Starts the server's pipeline as its {@code startAsync} would, before the first
	 * connection.
	 * @param server the server
	 * @param pipeline the pipeline set with {@code setPipelineFactory}
	 */
	public static void startPipeline(SocketIOServer server, SocketIOChannelInitializer pipeline) {
		pipeline.start(configuration(server), (NamespacesHub) read(server, NAMESPACES_FIELD));
	}

	private static Object read(SocketIOServer server, String name) {
		try {
			Field field = SocketIOServer.class.getDeclaredField(name);
			field.setAccessible(true);
			return field.get(server);
		}
		catch (ReflectiveOperationException ex) {
			// NettySocketIoCompatibility checks these fields before the first server is made
			throw new IllegalStateException("netty-socketio's SocketIOServer lacks its field " + name, ex);
		}
	}

}

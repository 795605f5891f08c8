package dev.clusteradapter.cluster.socketio;

import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.namespace.Namespace;

/**
 * What netty-socketio's namespaces (its {@code Namespace} class, which a server's
 * {@code SocketIONamespace}s are) offer beyond their interface.
 */
public final class SocketIoNamespaces {

	/** netty-socketio's name of the default namespace, socket.io's {@code "/"}. */
	public static final String DEFAULT_NAME = Namespace.DEFAULT_NAME;

	private SocketIoNamespaces() {
	}

	/**
	 * netty-socketio's namespace class behind a namespace of its server.
	 * @param namespace a namespace netty-socketio made
	 * @return it, as its class
	 * @throws IllegalArgumentException for a namespace netty-socketio did not make
	 */
	public static Namespace nettyNamespace(SocketIONamespace namespace) {
		if (namespace instanceof Namespace netty) {
			return netty;
		}
		throw new IllegalArgumentException("Not a namespace of netty-socketio: " + namespace);
	}

	/**
	 * Members of a room in a namespace, as netty-socketio counts them: its own clients and
	 * those of other nodes its store factory told it of.
	 * @param namespace a namespace netty-socketio made
	 * @param room the room
	 * @return the member count, or {@code -1} for a namespace netty-socketio did not make
	 */
	public static int roomClientsInCluster(SocketIONamespace namespace, String room) {
		return (namespace instanceof Namespace netty) ? netty.getRoomClientsInCluster(room) : -1;
	}

}

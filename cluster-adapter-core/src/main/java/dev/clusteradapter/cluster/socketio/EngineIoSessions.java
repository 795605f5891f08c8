package dev.clusteradapter.cluster.socketio;

import java.util.UUID;

import com.corundumstudio.socketio.handler.ClientsBox;

/**
 * The Engine.IO sessions a netty-socketio server holds (its {@code ClientsBox}), which its
 * public API does not show: a request can then be refused before netty-socketio mishandles
 * an unknown session.
 */
public final class EngineIoSessions {

	private final ClientsBox clients;

	EngineIoSessions(ClientsBox clients) {
		this.clients = clients;
	}

	/**
	 * Whether the server holds a session.
	 * @param sessionId the session id
	 * @return {@code true} while the session lives
	 */
	public boolean contains(UUID sessionId) {
		return this.clients.get(sessionId) != null;
	}

}

package dev.clusteradapter.cluster.socketio;

import java.util.UUID;

import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.ClientsBox;
import io.netty.channel.Channel;

/**
 * The Engine.IO sessions a netty-socketio server holds (its {@code ClientsBox}), which its
 * public API does not show: a request can then be refused before netty-socketio mishandles
 * an unknown session, a poll of a session that just ended can still be answered, and a
 * client cut off can be named.
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

	/**
	 * A session the server holds.
	 * @param sessionId the session id
	 * @return the session, or {@code null} when the server holds none by that id
	 */
	public EngineIoSession get(UUID sessionId) {
		ClientHead head = this.clients.get(sessionId);
		return (head != null) ? new EngineIoSession(head) : null;
	}

	/**
	 * The session a connection is bound to as one of its transports (netty-socketio binds
	 * every connection of a session, where {@link EngineIoSession#of(Channel)} sees only the
	 * handshake's).
	 * @param channel a client connection
	 * @return the session, or {@code null} for a connection bound to none
	 */
	public EngineIoSession boundTo(Channel channel) {
		ClientHead head = this.clients.get(channel);
		return (head != null) ? new EngineIoSession(head) : null;
	}

}

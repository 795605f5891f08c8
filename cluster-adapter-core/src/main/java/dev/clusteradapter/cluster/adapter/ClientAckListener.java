package dev.clusteradapter.cluster.adapter;

import com.corundumstudio.socketio.SocketIOClient;

/**
 * Follows a broadcast with acknowledgement client by client, on every node (see
 * {@link BroadcastOperator#emitWithAck(ClientAckListener, String, Object...)}). Calls for
 * one broadcast never overlap, and {@link #settled(boolean)} comes last, exactly once. They
 * run on I/O and timer threads: a listener must not block.
 */
public interface ClientAckListener {

	/**
	 * A client of this node answered.
	 * @param client the client
	 * @param response its first ack argument, as decoded ({@code Map}, {@code List},
	 * {@code String}, number, {@code byte[]} …), or {@code null}
	 */
	void answered(SocketIOClient client, Object response);

	/**
	 * A client of another node answered.
	 * @param socket the client, reachable through its node
	 * @param response its first ack argument, as decoded, or {@code null}
	 */
	void answered(RemoteSocket socket, Object response);

	/**
	 * A client of this node will not answer: timed out or disconnected.
	 * @param client the client
	 */
	void missed(SocketIOClient client);

	/**
	 * A client of another node will not answer: timed out, disconnected, or its node left.
	 * @param socket the client
	 */
	void missed(RemoteSocket socket);

	/**
	 * The broadcast is over.
	 * @param everyClientAnswered whether every client asked, on every node, answered
	 */
	void settled(boolean everyClientAnswered);

}

package dev.clusteradapter.cluster.adapter;

import java.util.List;

/**
 * Messages of the adapter protocol, one record per {@link MessageType}; an
 * {@link AdapterTransport} encodes them (over IPC with {@code AdapterMessageCodec}).
 * Requests carry an id unique per requesting node; responses go to the requester only.
 */
public sealed interface AdapterMessage {

	/**
	 * {@link MessageType#BROADCAST}; with a request id, clients are asked for an ack. A
	 * recoverable broadcast carries its {@code offset}, which is also its last argument, as
	 * Socket.IO's connection state recovery has it.
	 */
	record Broadcast(BroadcastTarget target, String event, EncodedArgs args, Long requestId, Long ackTimeoutMillis,
			String offset) implements AdapterMessage {

		/**
		 * A broadcast that is not recoverable.
		 * @param target the sockets
		 * @param event the event
		 * @param args its arguments
		 * @param requestId the ack request, or {@code null}
		 * @param ackTimeoutMillis the ack timeout, or {@code null}
		 */
		public Broadcast(BroadcastTarget target, String event, EncodedArgs args, Long requestId, Long ackTimeoutMillis) {
			this(target, event, args, requestId, ackTimeoutMillis, null);
		}

	}

	/** {@link MessageType#SOCKETS_JOIN}. */
	record SocketsJoin(long requestId, BroadcastTarget target, List<String> rooms) implements AdapterMessage {
	}

	/** {@link MessageType#SOCKETS_LEAVE}. */
	record SocketsLeave(long requestId, BroadcastTarget target, List<String> rooms) implements AdapterMessage {
	}

	/** {@link MessageType#DISCONNECT_SOCKETS}. */
	record DisconnectSockets(long requestId, BroadcastTarget target, boolean close) implements AdapterMessage {
	}

	/** {@link MessageType#FETCH_SOCKETS}. */
	record FetchSockets(long requestId, BroadcastTarget target) implements AdapterMessage {
	}

	/** {@link MessageType#FETCH_SOCKETS_RESPONSE}. */
	record FetchSocketsResponse(long requestId, String nsp, List<SocketDescription> sockets) implements AdapterMessage {
	}

	/**
	 * One socket in a {@link FetchSocketsResponse}. Handshake and data stay CBOR until the
	 * requester reads them: most callers of {@code fetchSockets()} look at ids and rooms only.
	 * @param id session id
	 * @param rooms rooms, the socket's own id included
	 * @param handshake CBOR of its {@link SocketHandshake}, or {@code null}
	 * @param data CBOR map of its data entries
	 */
	record SocketDescription(String id, List<String> rooms, byte[] handshake, byte[] data) {
	}

	/** {@link MessageType#SERVER_SIDE_EMIT}; with a request id, an answer is expected. */
	record ServerSideEmit(Long requestId, String nsp, String event, EncodedArgs args) implements AdapterMessage {
	}

	/** {@link MessageType#SERVER_SIDE_EMIT_RESPONSE}. */
	record ServerSideEmitResponse(long requestId, Object response) implements AdapterMessage {
	}

	/**
	 * {@link MessageType#BROADCAST_CLIENT_COUNT}: how many acks a node will relay, and for
	 * which sockets, so the requester can name a socket that never answers.
	 */
	record BroadcastClientCount(long requestId, int count, List<String> socketIds) implements AdapterMessage {

		public BroadcastClientCount {
			socketIds = (socketIds != null) ? socketIds : List.of();
		}

		BroadcastClientCount(long requestId, int count) {
			this(requestId, count, List.of());
		}

	}

	/**
	 * {@link MessageType#BROADCAST_ACK}: one client's answer, or its absence when
	 * {@code missing}; {@code socketId} names the client.
	 */
	record BroadcastAck(long requestId, Object response, boolean missing, String socketId) implements AdapterMessage {

		BroadcastAck(long requestId, Object response, boolean missing) {
			this(requestId, response, missing, null);
		}

	}

	/** {@link MessageType#OPERATION_DONE}: a node applied a join, leave or disconnect request. */
	record OperationDone(long requestId) implements AdapterMessage {
	}

	/** {@link MessageType#MEMBERSHIP}: a socket of the sending node joined or left rooms. */
	record Membership(String nsp, String sessionId, List<String> rooms, boolean join) implements AdapterMessage {
	}

	/** {@link MessageType#MEMBERSHIP_SNAPSHOT}: memberships of many sockets of the sending node. */
	record MembershipSnapshot(List<Membership> memberships) implements AdapterMessage {
	}

	/** {@link MessageType#ADAPTER_CLOSE}: the sending node's adapter is closing. */
	record AdapterClose() implements AdapterMessage {
	}

	/**
	 * {@link MessageType#RESTORE_SESSION}: a client reconnected elsewhere with a session id
	 * and the offset of the last event it processed; the node holding that session answers
	 * with it, and takes it out of its store.
	 */
	record RestoreSession(long requestId, String pid, String offset) implements AdapterMessage {
	}

	/** {@link MessageType#RESTORE_SESSION_RESPONSE}: the session, or {@code null} when not held here. */
	record RestoreSessionResponse(long requestId, RestoredSession session) implements AdapterMessage {
	}

	/**
	 * A disconnected session, as the node that held it hands it over.
	 * @param pid its private id
	 * @param sid the id its socket had
	 * @param nsp its namespace
	 * @param rooms its rooms, its old id included
	 * @param data CBOR map of its data entries
	 * @param missed the events it missed, in the order its node received them
	 * @param seen per sender, the highest offset sequence that node had received when it answered
	 * @param sinceDisconnectMillis how long ago the session disconnected
	 */
	record RestoredSession(String pid, String sid, String nsp, List<String> rooms, byte[] data,
			List<MissedEvent> missed, java.util.Map<String, Long> seen, long sinceDisconnectMillis) {
	}

	/**
	 * One event a session missed.
	 * @param event its name
	 * @param args its arguments, the offset last
	 */
	record MissedEvent(String event, EncodedArgs args) {
	}

	/**
	 * {@link MessageType#SESSION_HANDOVER}: a node that stops hands the sessions it kept to its
	 * peers, with the broadcasts it logged, so that their clients still recover elsewhere;
	 * each peer answers {@link OperationDone} once it holds them.
	 * @param requestId the request
	 * @param sessions the sessions
	 * @param log the broadcasts, in the order the stopping node received them
	 * @param seen per sender, the highest offset sequence the stopping node had received
	 */
	record SessionHandover(long requestId, List<HandedSession> sessions, List<LoggedEvent> log,
			java.util.Map<String, Long> seen) implements AdapterMessage {
	}

	/**
	 * A session handed over.
	 * @param pid its private id
	 * @param sid the id its socket had
	 * @param nsp its namespace
	 * @param rooms its rooms, its old id included
	 * @param data CBOR map of its data entries
	 * @param disconnectedMillisAgo how long before the handover it disconnected
	 */
	record HandedSession(String pid, String sid, String nsp, List<String> rooms, byte[] data,
			long disconnectedMillisAgo) {
	}

	/**
	 * A logged broadcast handed over.
	 * @param offset its offset
	 * @param target its target
	 * @param event its name
	 * @param args its arguments, the offset last
	 */
	record LoggedEvent(String offset, BroadcastTarget target, String event, EncodedArgs args) {
	}

}

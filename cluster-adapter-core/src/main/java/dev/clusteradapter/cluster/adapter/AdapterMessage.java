package dev.clusteradapter.cluster.adapter;

import java.util.List;

/**
 * Messages of the adapter protocol, one record per {@link MessageType}; an
 * {@link AdapterTransport} encodes them (over IPC with {@code AdapterMessageCodec}).
 * Requests carry an id unique per requesting node; responses go to the requester only.
 */
public sealed interface AdapterMessage {

	/** {@link MessageType#BROADCAST}; with a request id, clients are asked for an ack. */
	record Broadcast(BroadcastTarget target, String event, EncodedArgs args, Long requestId, Long ackTimeoutMillis)
			implements AdapterMessage {
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

}

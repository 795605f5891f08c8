package dev.clusteradapter.cluster.adapter;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * Adapter message types, as in socket.io's cluster adapter, mapped onto {@link ClusterBus}
 * message types from {@link ClusterBus#FIRST_APPLICATION_TYPE}.
 */
public enum MessageType {

	/** Reserved: liveness is announced by the bus, so no heartbeat is ever sent. */
	INITIAL_HEARTBEAT,

	/** Reserved: liveness is announced by the bus, so no heartbeat is ever sent. */
	HEARTBEAT,

	BROADCAST,

	SOCKETS_JOIN,

	SOCKETS_LEAVE,

	DISCONNECT_SOCKETS,

	FETCH_SOCKETS,

	FETCH_SOCKETS_RESPONSE,

	SERVER_SIDE_EMIT,

	SERVER_SIDE_EMIT_RESPONSE,

	BROADCAST_CLIENT_COUNT,

	BROADCAST_ACK,

	ADAPTER_CLOSE,

	/** Not in socket.io: makes socketsJoin, socketsLeave and disconnectSockets awaitable. */
	OPERATION_DONE,

	/** Not in socket.io: netty-socketio's room membership replication (join and leave). */
	MEMBERSHIP,

	/** Not in socket.io: the current memberships of a node, for a node that just joined. */
	MEMBERSHIP_SNAPSHOT,

	/** Not in socket.io's cluster adapter: a session to restore (connection state recovery). */
	RESTORE_SESSION,

	/** Not in socket.io's cluster adapter: the session, from the node that held it. */
	RESTORE_SESSION_RESPONSE,

	/** Not in socket.io's cluster adapter: a stopping node's kept sessions, for its peers. */
	SESSION_HANDOVER;

	private static final MessageType[] VALUES = values();

	/**
	 * Bus message type of this adapter message type.
	 * @return the bus type
	 */
	public int busType() {
		return ClusterBus.FIRST_APPLICATION_TYPE + ordinal();
	}

	/**
	 * Adapter message type of a bus message type.
	 * @param busType the bus type
	 * @return the adapter type, or {@code null} if the type is not the adapter's
	 */
	public static MessageType fromBusType(int busType) {
		int index = busType - ClusterBus.FIRST_APPLICATION_TYPE;
		return (index >= 0 && index < VALUES.length) ? VALUES[index] : null;
	}

}

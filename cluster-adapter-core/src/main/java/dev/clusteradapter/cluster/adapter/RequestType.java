package dev.clusteradapter.cluster.adapter;

/** Kinds of inter-node request the adapter times, tagged as {@link #tag()}. */
public enum RequestType {

	FETCH_SOCKETS("fetch_sockets"),

	SERVER_SIDE_EMIT("server_side_emit"),

	BROADCAST_ACK("broadcast_ack"),

	SOCKETS_JOIN("sockets_join"),

	SOCKETS_LEAVE("sockets_leave"),

	DISCONNECT_SOCKETS("disconnect_sockets"),

	RESTORE_SESSION("restore_session"),

	SESSION_HANDOVER("session_handover");

	private final String tag;

	RequestType(String tag) {
		this.tag = tag;
	}

	/**
	 * Metric tag value.
	 * @return the tag
	 */
	public String tag() {
		return this.tag;
	}

}

package dev.clusteradapter.cluster.server;

import com.corundumstudio.socketio.Transport;

/** How a client reaches the server: the three ways a Socket.IO v4 client can be told to. */
enum ClientTransports {

	WEBSOCKET("websocket", false, Transport.WEBSOCKET),

	POLLING("polling", false, Transport.POLLING),

	POLLING_THEN_UPGRADE("polling,websocket", true, Transport.WEBSOCKET);

	private final String transports;

	private final boolean upgrade;

	private final Transport settled;

	ClientTransports(String transports, boolean upgrade, Transport settled) {
		this.transports = transports;
		this.upgrade = upgrade;
		this.settled = settled;
	}

	/** The client's {@code transports} option, comma separated. */
	String transports() {
		return this.transports;
	}

	/** The client's {@code upgrade} option. */
	boolean upgrade() {
		return this.upgrade;
	}

	/** The transport the client ends up on. */
	Transport settled() {
		return this.settled;
	}

	/** The transport's name as the JavaScript client reports it. */
	String settledName() {
		return this.settled.name().toLowerCase(java.util.Locale.ROOT);
	}

}

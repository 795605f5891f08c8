package dev.clusteradapter.cluster.server;

/**
 * Implemented by a netty-socketio {@code StoreFactory} that can hand
 * {@link EncodedEventPacket encoded events} to clients: a {@link ClusteredSocketIOServer}
 * tells it that its pipeline writes them. A plain {@code SocketIOServer} never does, and its
 * encoder would not understand them.
 */
public interface EncodedEventsAware {

	/**
	 * Called before the server starts when its pipeline writes encoded events.
	 */
	void encodedEventsWritten();

}

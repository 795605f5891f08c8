package dev.clusteradapter.cluster.socketio;

/**
 * Implemented by a netty-socketio {@code StoreFactory} that can hand
 * {@link EncodedEventPacket encoded events} to clients: a server whose pipeline writes them
 * (the starter's {@code ClusteredSocketIOServer}) tells it so before it starts. A plain
 * {@code SocketIOServer} never does, and its encoder would not understand them.
 */
public interface EncodedEventsAware {

	/**
	 * Called before the server starts when its pipeline writes encoded events.
	 */
	void encodedEventsWritten();

}

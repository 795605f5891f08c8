package dev.clusteradapter.benchmarks.client;

import io.netty.buffer.ByteBuf;

/**
 * Receives the events a server emits to one socket, on that socket's event-loop thread,
 * before the frame is released: read what is needed, keep no reference.
 */
@FunctionalInterface
public interface EventListener {

	/** Ignores every event. */
	EventListener NONE = (socket, packet, receivedNanos) -> {
	};

	/**
	 * One event packet.
	 * @param socket the receiving socket
	 * @param packet the whole Socket.IO packet text, {@code 42["name",...]}
	 * @param receivedNanos {@link System#nanoTime()} when the frame was read
	 */
	void onEvent(EngineIoSocket socket, ByteBuf packet, long receivedNanos);

}

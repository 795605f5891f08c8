package dev.clusteradapter.cluster.adapter;

import java.util.List;

/**
 * Which sockets an operation addresses: a namespace, rooms (none = all), excluded rooms.
 * A socket's id is a room of its own, as in socket.io.
 *
 * @param nsp namespace, socket.io style ({@code "/"}, {@code "/chat"})
 * @param rooms rooms to include, empty for every socket of the namespace
 * @param except rooms whose members are excluded
 * @param volatileOnly whether sockets that cannot take a write now are skipped
 */
public record BroadcastTarget(String nsp, List<String> rooms, List<String> except, boolean volatileOnly) {

	/** Copies the room lists. */
	public BroadcastTarget {
		rooms = List.copyOf(rooms);
		except = List.copyOf(except);
	}

	static BroadcastTarget room(String nsp, String room) {
		return new BroadcastTarget(nsp, List.of(room), List.of(), false);
	}

}

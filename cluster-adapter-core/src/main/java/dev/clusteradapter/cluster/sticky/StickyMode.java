package dev.clusteradapter.cluster.sticky;

import java.util.Locale;

import io.netty.channel.epoll.Epoll;

import dev.clusteradapter.cluster.NativeEpoll;

/**
 * How the {@link StickyRouter} gets a request to the worker it picked.
 */
public enum StickyMode {

	/** {@link #HANDOVER} where the native epoll transport is available, else {@link #RELAY}. */
	AUTO,

	/**
	 * Pass the accepted connection itself to the worker over its Unix handover socket: after
	 * routing, client traffic never crosses the primary.
	 */
	HANDOVER,

	/** Pipe bytes both ways between the client and the worker's loopback Socket.IO port. */
	RELAY;

	/**
	 * The mode this one stands for on this machine.
	 * @return {@link #HANDOVER} or {@link #RELAY}
	 */
	public StickyMode resolve() {
		if (this == AUTO) {
			return NativeEpoll.isAvailable() ? HANDOVER : RELAY;
		}
		if (this == HANDOVER && !NativeEpoll.isAvailable()) {
			throw new IllegalStateException("Connection handover needs the native epoll transport",
					Epoll.unavailabilityCause());
		}
		return this;
	}

	/**
	 * What this mode is on this machine, and why, for the start-up log: for example
	 * {@code "handover (auto: native epoll is available)"} or
	 * {@code "relay (auto: native epoll is unavailable: ...)"}.
	 * @return the description
	 * @throws IllegalStateException as {@link #resolve()}
	 */
	public String describe() {
		String what = resolve().name().toLowerCase(Locale.ROOT);
		return what + ((this == AUTO) ? " (auto: " + NativeEpoll.availability() + ")" : " (configured)");
	}

}

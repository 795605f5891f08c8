package dev.clusteradapter.cluster.ipc;

import dev.clusteradapter.cluster.NativeEpoll;

/**
 * How the primary and its workers reach each other.
 */
public enum IpcTransport {

	/** A Unix domain socket where Netty's native epoll transport is available, else TCP. */
	AUTO,

	/** A Unix domain socket through Netty's native epoll transport (Linux). */
	UNIX,

	/** TCP on the loopback interface. */
	TCP;

	/**
	 * Resolves {@link #AUTO} to the transport this machine supports.
	 * @return {@link #UNIX} or {@link #TCP}
	 */
	public IpcTransport resolve() {
		if (this != AUTO) {
			return this;
		}
		return NativeEpoll.isAvailable() ? UNIX : TCP;
	}

	/**
	 * What this transport is on this machine, and why, for the start-up log: for example
	 * {@code "Unix domain socket via native epoll (auto: native epoll is available)"} or
	 * {@code "loopback TCP (auto: native epoll is unavailable: ...)"}.
	 * @return the description
	 */
	public String describe() {
		String what = (resolve() == UNIX) ? "Unix domain socket via native epoll" : "loopback TCP";
		return what + ((this == AUTO) ? " (auto: " + NativeEpoll.availability() + ")" : " (configured)");
	}

}

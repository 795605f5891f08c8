package dev.clusteradapter.cluster.ipc;

import io.netty.channel.epoll.Epoll;

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
		return Epoll.isAvailable() ? UNIX : TCP;
	}

}

package dev.clusteradapter.cluster;

import io.netty.channel.epoll.Epoll;

/**
 * Whether Netty's native epoll transport works in this JVM, which the fast paths need (IPC
 * over a Unix domain socket, connection handover), and if not, why: so that a cluster
 * falling back to TCP and relaying says so.
 */
public final class NativeEpoll {

	private static final int MAX_REASON_LENGTH = 160;

	private NativeEpoll() {
	}

	/**
	 * Whether native epoll is available.
	 * @return {@code true} on Linux with Netty's native library for this architecture
	 */
	public static boolean isAvailable() {
		return Epoll.isAvailable();
	}

	/**
	 * Native epoll's availability, in words for a log line.
	 * @return {@code "native epoll is available"}, or {@code "native epoll is unavailable: "}
	 * and the first line of its cause
	 */
	public static String availability() {
		if (Epoll.isAvailable()) {
			return "native epoll is available";
		}
		Throwable cause = Epoll.unavailabilityCause();
		return "native epoll is unavailable" + ((cause != null) ? ": " + firstLine(cause.toString()) : "");
	}

	static String firstLine(String text) {
		int end = text.indexOf('\n');
		String line = (end < 0) ? text : text.substring(0, end);
		return (line.length() > MAX_REASON_LENGTH) ? line.substring(0, MAX_REASON_LENGTH) + "…" : line;
	}

}

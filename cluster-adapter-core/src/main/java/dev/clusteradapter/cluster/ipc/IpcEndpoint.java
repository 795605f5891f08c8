package dev.clusteradapter.cluster.ipc;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.Objects;

import io.netty.channel.unix.DomainSocketAddress;

/**
 * Address of a running {@link IpcHub}, in a string form that survives being handed to a
 * worker process: {@code unix:/path/to/socket} or {@code tcp:127.0.0.1:port}.
 *
 * @param transport {@link IpcTransport#UNIX} or {@link IpcTransport#TCP}
 * @param address socket path, or {@code host:port}
 */
public record IpcEndpoint(IpcTransport transport, String address) {

	private static final String UNIX_PREFIX = "unix:";

	private static final String TCP_PREFIX = "tcp:";

	/**
	 * Validates the parts.
	 * @param transport {@link IpcTransport#UNIX} or {@link IpcTransport#TCP}
	 * @param address socket path, or {@code host:port}
	 */
	public IpcEndpoint {
		Objects.requireNonNull(transport, "transport");
		Objects.requireNonNull(address, "address");
		if (transport == IpcTransport.AUTO) {
			throw new IllegalArgumentException("An endpoint names a concrete transport, not AUTO");
		}
		if (address.isEmpty()) {
			throw new IllegalArgumentException("Empty IPC address");
		}
		if (transport == IpcTransport.TCP) {
			hostAndPort(address);
		}
	}

	/**
	 * An endpoint on a Unix domain socket.
	 * @param socket the socket file
	 * @return the endpoint
	 */
	public static IpcEndpoint unix(Path socket) {
		return new IpcEndpoint(IpcTransport.UNIX, socket.toAbsolutePath().toString());
	}

	/**
	 * An endpoint on TCP.
	 * @param host host name or address
	 * @param port port
	 * @return the endpoint
	 */
	public static IpcEndpoint tcp(String host, int port) {
		return new IpcEndpoint(IpcTransport.TCP, (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
	}

	/**
	 * Parses the form produced by {@link #toString()}.
	 * @param value {@code unix:/path} or {@code tcp:host:port}
	 * @return the endpoint
	 * @throws IllegalArgumentException if the value is not an endpoint
	 */
	public static IpcEndpoint parse(String value) {
		Objects.requireNonNull(value, "value");
		if (value.startsWith(UNIX_PREFIX)) {
			return new IpcEndpoint(IpcTransport.UNIX, value.substring(UNIX_PREFIX.length()));
		}
		if (value.startsWith(TCP_PREFIX)) {
			return new IpcEndpoint(IpcTransport.TCP, value.substring(TCP_PREFIX.length()));
		}
		throw new IllegalArgumentException("Not an IPC endpoint (unix:/path or tcp:host:port): " + value);
	}

	/**
	 * The socket address to connect to.
	 * @return a {@link DomainSocketAddress} or an unresolved-free {@link InetSocketAddress}
	 */
	public SocketAddress socketAddress() {
		if (this.transport == IpcTransport.UNIX) {
			return new DomainSocketAddress(this.address);
		}
		return hostAndPort(this.address);
	}

	private static InetSocketAddress hostAndPort(String address) {
		int colon = address.lastIndexOf(':');
		if (colon <= 0 || colon == address.length() - 1) {
			throw new IllegalArgumentException("Not host:port: " + address);
		}
		String host = address.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		try {
			int port = Integer.parseInt(address.substring(colon + 1));
			return new InetSocketAddress(host, port);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not host:port: " + address, ex);
		}
	}

	@Override
	public String toString() {
		return ((this.transport == IpcTransport.UNIX) ? UNIX_PREFIX : TCP_PREFIX) + this.address;
	}

}

package dev.clusteradapter.cluster.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Socket.IO server on a free loopback port that acks every {@code echo} with its
 * payload, for the official clients to talk to.
 * <p>
 * With {@code -Dclusteradapter.upstream=true} it is netty-socketio's own server with its
 * own pipeline and defaults, to show which tests catch its defects.
 */
final class ProbeServer implements AutoCloseable {

	static final boolean UPSTREAM = Boolean.getBoolean("clusteradapter.upstream");

	private static final int MAX_PAYLOAD = 4 * 1024 * 1024;

	private final SocketIOServer server;

	private final int port;

	private ProbeServer(SocketIOServer server, int port) {
		this.server = server;
		this.port = port;
	}

	static ProbeServer start() {
		return start(0, true);
	}

	/**
	 * Starts a server.
	 * @param port the port, 0 for any free one
	 * @param closeConnections whether HTTP responses carry {@code Connection: close}
	 * @return the started server
	 */
	static ProbeServer start(int port, boolean closeConnections) {
		SocketIOServer server = UPSTREAM ? upstream(port) : cluster(port, closeConnections);
		server.addEventListener("echo", Object.class, (client, data, ack) -> ack.sendAckData(data));
		server.start();
		int bound = (server instanceof ClusteredSocketIOServer cluster) ? cluster.getPort()
				: server.getConfiguration().getPort();
		return new ProbeServer(server, bound);
	}

	private static SocketIOServer cluster(int port, boolean closeConnections) {
		Configuration configuration = ClusteredSocketIOServer.newConfiguration();
		configure(configuration, port);
		return new ClusteredSocketIOServer(configuration, closeConnections);
	}

	private static SocketIOServer upstream(int port) {
		Configuration configuration = new Configuration();
		configure(configuration, (port != 0) ? port : freePort());
		return new SocketIOServer(configuration);
	}

	private static void configure(Configuration configuration, int port) {
		configuration.setHostname("127.0.0.1");
		configuration.setPort(port);
		configuration.setMaxFramePayloadLength(MAX_PAYLOAD);
		configuration.setMaxHttpContentLength(MAX_PAYLOAD);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	SocketIOServer server() {
		return this.server;
	}

	int port() {
		return this.port;
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Asserts that a client of each transport connects and gets its echo. */
	void assertServesEveryTransport() {
		for (ClientTransports transports : ClientTransports.values()) {
			try (JavaClient client = JavaClient.connect(url(), transports)) {
				assertThat(client.emitWithAck("echo", "still serving")).isEqualTo("still serving");
			}
		}
	}

	@Override
	public void close() {
		this.server.stop();
	}

	/** Bytes the clients and the server agree on: byte i is (i * 31) mod 256. */
	static byte[] pattern(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31);
		}
		return bytes;
	}

}

package dev.clusteradapter.cluster.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.function.Consumer;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;

import dev.clusteradapter.cluster.SocketTransport;

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

	/** Netty transport of the starter's servers: auto, unless a run sets another. */
	static final SocketTransport TRANSPORT = SocketTransport
		.valueOf(System.getProperty("clusteradapter.transport", "auto").toUpperCase(Locale.ROOT).replace('-', '_'));

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
	 * Starts a server with settings of its own.
	 * @param configure adjusts the configuration, after the probe's own settings
	 * @param customize adjusts the starter's server before it starts; not called for
	 * netty-socketio's own server
	 * @return the started server
	 */
	static ProbeServer start(Consumer<Configuration> configure, Consumer<ClusteredSocketIOServer> customize) {
		return start(0, true, configure, customize);
	}

	/**
	 * Starts a server.
	 * @param port the port, 0 for any free one
	 * @param closeConnections whether HTTP responses carry {@code Connection: close}
	 * @return the started server
	 */
	static ProbeServer start(int port, boolean closeConnections) {
		return start(port, closeConnections, (configuration) -> {
		}, (server) -> {
		});
	}

	private static ProbeServer start(int port, boolean closeConnections, Consumer<Configuration> configure,
			Consumer<ClusteredSocketIOServer> customize) {
		SocketIOServer server = UPSTREAM ? upstream(port, configure) : cluster(port, closeConnections, configure);
		if (server instanceof ClusteredSocketIOServer clustered) {
			customize.accept(clustered);
		}
		server.addEventListener("echo", Object.class, (client, data, ack) -> ack.sendAckData(data));
		server.start();
		int bound = (server instanceof ClusteredSocketIOServer cluster) ? cluster.getPort()
				: server.getConfiguration().getPort();
		return new ProbeServer(server, bound);
	}

	private static SocketIOServer cluster(int port, boolean closeConnections, Consumer<Configuration> configure) {
		Configuration configuration = ClusteredSocketIOServer.newConfiguration();
		configure(configuration, port);
		configure.accept(configuration);
		ClusteredSocketIOServer server = new ClusteredSocketIOServer(configuration, closeConnections);
		server.setTransport(TRANSPORT);
		return server;
	}

	private static SocketIOServer upstream(int port, Consumer<Configuration> configure) {
		Configuration configuration = new Configuration();
		configure(configuration, (port != 0) ? port : freePort());
		configure.accept(configuration);
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

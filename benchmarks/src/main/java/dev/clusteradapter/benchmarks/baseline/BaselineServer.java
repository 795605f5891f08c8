package dev.clusteradapter.benchmarks.baseline;

import java.util.Map;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;

/**
 * Stock netty-socketio 2.0.14 in one JVM, serving the probe contract's events that the
 * single-node scenarios use ({@code whoami}, {@code echo}, {@code join}, {@code leave},
 * {@code message}, {@code broadcast}, {@code who}): the baseline a cluster is measured against.
 * WebSocket and HTTP compression are off, as in the cluster; everything else is the default.
 */
public final class BaselineServer {

	private static final String WORKER = "0";

	private final SocketIOServer server;

	/**
	 * A server on a loopback port.
	 * @param port the port
	 */
	public BaselineServer(int port) {
		Configuration configuration = new Configuration();
		configuration.setHostname("127.0.0.1");
		configuration.setPort(port);
		configuration.setWebsocketCompression(false);
		configuration.setHttpCompression(false);
		configuration.getSocketConfig().setReuseAddress(true);
		this.server = new SocketIOServer(configuration);
		this.server.addEventListener("whoami", Object.class, (client, data, ack) -> ack
			.sendAckData(Map.of("id", client.getSessionId().toString(), "worker", WORKER)));
		this.server.addEventListener("echo", Object.class, (client, payload, ack) -> ack.sendAckData(payload));
		this.server.addEventListener("join", String.class, (client, room, ack) -> {
			client.joinRoom(room);
			ack.sendAckData(Map.of("room", room, "members", this.server.getRoomOperations(room).getClients().size(),
					"worker", WORKER));
		});
		this.server.addEventListener("leave", String.class, (client, room, ack) -> {
			client.leaveRoom(room);
			ack.sendAckData(true);
		});
		this.server.addEventListener("message", Map.class, (client, message, ack) -> {
			String room = (String) message.get("room");
			this.server.getRoomOperations(room).sendEvent("message", Map.of("room", room, "text", message.get("text"),
					"from", client.getSessionId().toString(), "worker", WORKER));
		});
		this.server.addEventListener("broadcast", Object.class,
				(client, payload, ack) -> this.server.getBroadcastOperations().sendEvent("broadcast", payload));
		this.server.addEventListener("who", String.class, (client, room, ack) -> ack.sendAckData(
				((room != null) ? this.server.getRoomOperations(room).getClients() : this.server.getAllClients()).stream()
					.map(BaselineServer::describe)
					.toList()));
	}

	private static Map<String, Object> describe(SocketIOClient client) {
		String id = client.getSessionId().toString();
		return Map.of("id", id, "worker", WORKER,
				"rooms", client.getAllRooms().stream().filter((room) -> !room.isEmpty() && !room.equals(id)).toList());
	}

	/** Binds the port. */
	public void start() {
		this.server.start();
	}

	/** Closes the port and every connection. */
	public void stop() {
		this.server.stop();
	}

	/**
	 * Runs until the JVM is told to stop.
	 * @param port the port
	 * @throws InterruptedException never in practice: the main thread waits forever
	 */
	public static void run(int port) throws InterruptedException {
		BaselineServer baseline = new BaselineServer(port);
		baseline.start();
		Runtime.getRuntime().addShutdownHook(new Thread(baseline::stop));
		System.out.println("netty-socketio baseline listening on " + port);
		Thread.currentThread().join();
	}

}

package dev.clusteradapter.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import dev.clusteradapter.cluster.ClusterBus;
import dev.clusteradapter.cluster.adapter.RemoteSocket;
import dev.clusteradapter.cluster.adapter.SocketIoCluster;
import dev.clusteradapter.cluster.autoconfigure.SocketIoServerCustomizer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The probe contract: events through which any Socket.IO client exercises every cluster
 * operation from outside. Plain netty-socketio listeners, with {@link SocketIoCluster} for
 * what reaches across workers.
 */
@Component
class ProbeContract implements SocketIoServerCustomizer {

	private final SocketIoCluster cluster;

	private final ClusterBus bus;

	private final String nodeName;

	ProbeContract(SocketIoCluster cluster, ClusterBus bus, @Value("${sample.node-name:}") String nodeName) {
		this.cluster = cluster;
		this.bus = bus;
		this.nodeName = nodeName;
	}

	/** The worker's id, prefixed by the node's name where several nodes share a Redis: unique in the fleet. */
	private String worker() {
		String id = Integer.toString(this.bus.nodeId());
		return this.nodeName.isEmpty() ? id : this.nodeName + "/" + id;
	}

	@Override
	public void customize(SocketIOServer server) {
		this.cluster.onServerSideEmit("ping-servers", (args, ack) -> ack.send(worker()));
		server.addConnectListener((client) -> client.set("worker", worker()));
		server.addEventListener("whoami", Object.class, (client, data, ack) -> ack
			.sendAckData(Map.of("id", this.cluster.socketId(client), "worker", worker())));
		server.addEventListener("echo", Object.class, (client, payload, ack) -> ack.sendAckData(payload));
		server.addEventListener("join", String.class, this::join);
		server.addEventListener("leave", String.class, (client, room, ack) -> {
			client.leaveRoom(room);
			ack.sendAckData(true);
		});
		server.addEventListener("message", Map.class, (client, message, ack) -> this.cluster.to((String) message.get("room"))
			.emit("message", Map.of("room", message.get("room"), "text", message.get("text"), "from",
					this.cluster.socketId(client), "worker", worker())));
		server.addEventListener("broadcast", Object.class, (client, payload, ack) -> this.cluster.emit("broadcast", payload));
		server.addEventListener("broadcast-except", Map.class, (client, request, ack) -> this.cluster
			.except((String) request.get("except"))
			.emit("broadcast", request.get("payload")));
		server.addEventListener("local-broadcast", Object.class,
				(client, payload, ack) -> this.cluster.local().emit("broadcast", payload));
		server.addEventListener("who", String.class, this::who);
		server.addEventListener("cluster", Object.class, (client, data, ack) -> this.cluster
			.serverSideEmitWithAck("ping-servers")
			.thenAccept((replies) -> ack.sendAckData(Map.of("worker", worker(), "servers", 1 + replies.size()))));
		server.addEventListener("move", Map.class, (client, request, ack) -> this.cluster
			.in((String) request.get("from"))
			.socketsJoin((String) request.get("to"))
			.whenComplete((done, failure) -> ack.sendAckData(failure == null)));
		server.addEventListener("evict", Map.class, (client, request, ack) -> this.cluster
			.in((String) request.get("from"))
			.socketsLeave((String) request.get("room"))
			.whenComplete((done, failure) -> ack.sendAckData(failure == null)));
		server.addEventListener("kick", String.class, (client, room, ack) -> {
			ack.sendAckData(true);
			this.cluster.in(room).disconnectSockets(true);
		});
		server.addEventListener("ready-check", Map.class, this::readyCheck);
	}

	private void join(SocketIOClient client, String room, AckRequest ack) {
		client.joinRoom(room);
		this.cluster.in(room)
			.fetchSockets()
			.thenAccept((sockets) -> ack.sendAckData(Map.of("room", room, "members", sockets.size(), "worker", worker())));
	}

	private void who(SocketIOClient client, String room, AckRequest ack) {
		var sockets = (room != null) ? this.cluster.in(room).fetchSockets() : this.cluster.fetchSockets();
		sockets.thenAccept((found) -> ack.sendAckData(found.stream().map(ProbeContract::describe).toList()));
	}

	private static Map<String, Object> describe(RemoteSocket socket) {
		Set<String> rooms = new TreeSet<>(socket.rooms());
		rooms.remove(socket.id());
		return Map.of("id", socket.id(), "worker", String.valueOf(socket.data().get("worker")), "rooms", List.copyOf(rooms));
	}

	private void readyCheck(SocketIOClient client, Map<?, ?> request, AckRequest ack) {
		Number timeout = (Number) request.get("timeoutMs");
		this.cluster.to((String) request.get("room"))
			.timeout(Duration.ofMillis((timeout != null) ? timeout.longValue() : 1000))
			.emitWithAck("ready?", request.get("question"))
			.thenAccept((result) -> ack.sendAckData(Map.of("timedOut", result.timedOut(), "responses", result.responses())));
	}

}

package dev.clusteradapter.cluster.redis;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.clusteradapter.cluster.adapter.AdapterMessage;
import dev.clusteradapter.cluster.adapter.AdapterMessage.Broadcast;
import dev.clusteradapter.cluster.adapter.AdapterMessage.BroadcastAck;
import dev.clusteradapter.cluster.adapter.AdapterMessage.BroadcastClientCount;
import dev.clusteradapter.cluster.adapter.AdapterMessage.DisconnectSockets;
import dev.clusteradapter.cluster.adapter.AdapterMessage.FetchSockets;
import dev.clusteradapter.cluster.adapter.AdapterMessage.FetchSocketsResponse;
import dev.clusteradapter.cluster.adapter.AdapterMessage.OperationDone;
import dev.clusteradapter.cluster.adapter.AdapterMessage.RestoreSession;
import dev.clusteradapter.cluster.adapter.AdapterMessage.RestoreSessionResponse;
import dev.clusteradapter.cluster.adapter.AdapterMessage.ServerSideEmit;
import dev.clusteradapter.cluster.adapter.AdapterMessage.ServerSideEmitResponse;
import dev.clusteradapter.cluster.adapter.AdapterMessage.SessionHandover;
import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketsJoin;
import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketsLeave;
import dev.clusteradapter.cluster.adapter.BroadcastTarget;

/**
 * The wire of {@code createShardedAdapter} of {@code @socket.io/redis-adapter} 8.3: socket.io's
 * {@code ClusterAdapter} messages over sharded pub/sub.
 * <pre>
 * SPUBLISH &lt;prefix&gt;#&lt;nsp&gt;#           {uid, nsp, type, data}    every message to every node
 * SPUBLISH &lt;prefix&gt;#&lt;nsp&gt;#&lt;room&gt;#    broadcasts to one room ("dynamic" mode, rooms of any
 *                                        length but 20, socket.io's socket id length)
 * SPUBLISH &lt;prefix&gt;#&lt;nsp&gt;#&lt;uid&gt;#     answers to the node of that uid
 * SPUBLISH &lt;prefix&gt;-heartbeat#          this adapter's heartbeats (types 1, 2, 13)
 * </pre>
 * JSON, or msgpack when binary is inside. Types: 1 initial heartbeat, 2 heartbeat,
 * 3 broadcast, 4 join, 5 leave, 6 disconnect, 7 fetch sockets, 8 its answer,
 * 9 server-side emit, 10 its answer, 11 client count, 12 ack, 13 adapter close. Node's
 * sharded adapter sends no heartbeat: this adapter's peers name themselves with types 1, 2
 * and 13 on a channel Node does not subscribe, and Node servers are counted by SHARDNUMSUB. Extension
 * that Node servers ignore: {@code requestId} on joins, leaves and disconnections, answered
 * by type {@value #OPERATION_DONE}; socket ids on client counts and acks; acks of clients that
 * did not answer, to this adapter's peers only.
 * <p>
 * Like Node in its default "dynamic" mode, this node subscribes to the channel of each room
 * its sockets are in (their own id rooms too: Node publishes to a socket id of any length but
 * 20 on its room channel). It publishes every broadcast on the namespace channel, which every
 * server subscribes: a broadcast right after a join elsewhere cannot overtake that server's
 * new room subscription, as it can between Node servers.
 */
final class ShardedWire implements NodeWire {

	static final int INITIAL_HEARTBEAT = 1;

	static final int HEARTBEAT = 2;

	static final int BROADCAST = 3;

	static final int SOCKETS_JOIN = 4;

	static final int SOCKETS_LEAVE = 5;

	static final int DISCONNECT_SOCKETS = 6;

	static final int FETCH_SOCKETS = 7;

	static final int FETCH_SOCKETS_RESPONSE = 8;

	static final int SERVER_SIDE_EMIT = 9;

	static final int SERVER_SIDE_EMIT_RESPONSE = 10;

	static final int BROADCAST_CLIENT_COUNT = 11;

	static final int BROADCAST_ACK = 12;

	static final int ADAPTER_CLOSE = 13;

	/** Not in socket.io: a join, leave or disconnection was applied. */
	static final int OPERATION_DONE = 100;

	/** Not in Node's adapter (which ignores it): a session to restore, answered by this adapter's peers. */
	static final int RESTORE_SESSION = 101;

	/** Not in Node's adapter: the session, from the peer that held it. */
	static final int RESTORE_SESSION_RESPONSE = 102;

	/** Not in Node's adapter (which ignores it): a stopping peer's kept sessions. */
	static final int SESSION_HANDOVER = 103;

	private final String prefix;

	private final String uid;

	private final WireSupport support;

	/** Heartbeats every second carry the same bytes: encoded once. */
	private final Map<WireMessage.Signal, WireFrame> signals = new EnumMap<>(WireMessage.Signal.class);

	/** Every frame received is compared with it: built once, not per frame. */
	private final String heartbeatChannel;

	ShardedWire(String prefix, String uid, RequestIds ids) {
		this.prefix = prefix;
		this.uid = uid;
		this.support = new WireSupport(ids);
		this.heartbeatChannel = prefix + "-heartbeat#";
		for (WireMessage.Signal signal : WireMessage.Signal.values()) {
			this.signals.put(signal, signalFrame(signal));
		}
	}

	String channel(String nsp) {
		return this.prefix + "#" + nsp + "#";
	}

	String responseChannel(String nsp, String targetUid) {
		return channel(nsp) + targetUid + "#";
	}

	@Override
	public List<String> channels(String nsp, boolean servesClients) {
		return servesClients ? List.of(channel(nsp), responseChannel(nsp, this.uid)) : List.of(responseChannel(nsp, this.uid));
	}

	/**
	 * Heartbeats have a channel of their own, which Node servers do not subscribe: an emitter
	 * (a primary) hears them without hearing every broadcast, and without being counted as a
	 * server by {@code SHARDNUMSUB}.
	 */
	String heartbeatChannel() {
		return this.heartbeatChannel;
	}

	@Override
	public List<String> nodeChannels(boolean servesClients) {
		return List.of(heartbeatChannel());
	}

	@Override
	public List<String> patterns(boolean servesClients) {
		return List.of();
	}

	@Override
	public String serverCountChannel() {
		return channel("/");
	}

	@Override
	public String peerChannel(String uid) {
		return responseChannel("/", uid);
	}

	@Override
	public boolean sharded() {
		return true;
	}

	private Map<String, Object> message(String nsp, int type, Map<String, Object> data) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("uid", this.uid);
		message.put("nsp", nsp);
		message.put("type", type);
		if (data != null) {
			message.put("data", data);
		}
		return message;
	}

	@Override
	public WireFrame publish(AdapterMessage message) {
		if (message instanceof Broadcast broadcast) {
			String nsp = broadcast.target().nsp();
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("packet", this.support.packet(nsp, broadcast.event(), broadcast.args()));
			if (broadcast.requestId() != null) {
				data.put("requestId", RequestIds.format(broadcast.requestId()));
				data.put("opts", WireSupport.options(broadcast.target(), Map.of("timeout", broadcast.ackTimeoutMillis())));
			}
			else {
				data.put("opts", WireSupport.options(broadcast.target(), WireSupport.flags(broadcast)));
			}
			return frame(channel(nsp), message(nsp, BROADCAST, data),
					(broadcast.requestId() != null) ? "broadcast_ack" : "broadcast");
		}
		if (message instanceof SocketsJoin join) {
			return operation(join.requestId(), SOCKETS_JOIN, join.target(), "rooms", join.rooms(), "sockets_join");
		}
		if (message instanceof SocketsLeave leave) {
			return operation(leave.requestId(), SOCKETS_LEAVE, leave.target(), "rooms", leave.rooms(), "sockets_leave");
		}
		if (message instanceof DisconnectSockets disconnect) {
			return operation(disconnect.requestId(), DISCONNECT_SOCKETS, disconnect.target(), "close", disconnect.close(),
					"disconnect_sockets");
		}
		if (message instanceof FetchSockets fetch) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("opts", WireSupport.options(fetch.target(), Map.of()));
			data.put("requestId", RequestIds.format(fetch.requestId()));
			return frame(channel(fetch.target().nsp()), message(fetch.target().nsp(), FETCH_SOCKETS, data), "fetch_sockets");
		}
		if (message instanceof ServerSideEmit emit) {
			Map<String, Object> data = new LinkedHashMap<>();
			if (emit.requestId() != null) {
				data.put("requestId", RequestIds.format(emit.requestId()));
			}
			data.put("packet", this.support.eventData(emit.event(), emit.args()));
			return frame(channel(emit.nsp()), message(emit.nsp(), SERVER_SIDE_EMIT, data), "server_side_emit");
		}
		if (message instanceof RestoreSession restore) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("requestId", RequestIds.format(restore.requestId()));
			data.put("pid", restore.pid());
			data.put("offset", restore.offset());
			return frame(channel("/"), message("/", RESTORE_SESSION, data), "restore_session");
		}
		if (message instanceof SessionHandover handover) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("requestId", RequestIds.format(handover.requestId()));
			data.put("handover", WireSupport.handover(handover));
			return new WireFrame(channel("/"), WireSupport.msgpack(message("/", SESSION_HANDOVER, data)), "session_handover");
		}
		return null;
	}

	private WireFrame operation(long requestId, int type, BroadcastTarget target, String key, Object value, String name) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("opts", WireSupport.options(target, Map.of()));
		data.put(key, value);
		data.put("requestId", RequestIds.format(requestId));
		return frame(channel(target.nsp()), message(target.nsp(), type, data), name);
	}

	private static WireFrame frame(String channel, Map<String, Object> message, String type) {
		return new WireFrame(channel, WireSupport.jsonUnlessBinary(message), type);
	}

	@Override
	public WireFrame send(String targetUid, boolean namedPeer, AdapterMessage message) {
		RequestIds ids = this.support.ids();
		if (message instanceof FetchSocketsResponse response) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("requestId", ids.toWire(response.requestId()));
			data.put("sockets", this.support.sockets(response.sockets()));
			return response(response.nsp(), targetUid, FETCH_SOCKETS_RESPONSE, data, "fetch_sockets_response");
		}
		if (message instanceof ServerSideEmitResponse response) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("requestId", ids.toWire(response.requestId()));
			data.put("packet", response.response());
			return response(ids.namespaceOf(response.requestId()), targetUid, SERVER_SIDE_EMIT_RESPONSE, data,
					"server_side_emit_response");
		}
		if (message instanceof BroadcastClientCount count) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("requestId", ids.toWire(count.requestId()));
			data.put("clientCount", count.count());
			if (namedPeer) {
				data.put("socketIds", count.socketIds());
			}
			return response(ids.namespaceOf(count.requestId()), targetUid, BROADCAST_CLIENT_COUNT, data,
					"broadcast_client_count");
		}
		if (message instanceof BroadcastAck ack) {
			if (ack.missing() && !namedPeer) {
				return null;
			}
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("requestId", ids.toWire(ack.requestId()));
			data.put("packet", ack.response());
			if (namedPeer) {
				data.put("socketId", ack.socketId());
				data.put("missing", ack.missing());
			}
			return response(ids.namespaceOf(ack.requestId()), targetUid, BROADCAST_ACK, data, "broadcast_ack");
		}
		if (message instanceof RestoreSessionResponse restored) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("requestId", ids.toWire(restored.requestId()));
			data.put("session", WireSupport.session(restored.session()));
			return new WireFrame(responseChannel(ids.namespaceOf(restored.requestId()), targetUid),
					WireSupport.msgpack(message(ids.namespaceOf(restored.requestId()), RESTORE_SESSION_RESPONSE, data)),
					"restore_session_response");
		}
		if (message instanceof OperationDone done) {
			if (done.requestId() == 0 || !namedPeer) {
				return null;
			}
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("requestId", ids.toWire(done.requestId()));
			return response(ids.namespaceOf(done.requestId()), targetUid, OPERATION_DONE, data, "operation_done");
		}
		return publish(message);
	}

	private WireFrame response(String nsp, String targetUid, int type, Map<String, Object> data, String name) {
		return frame(responseChannel(nsp, targetUid), message(nsp, type, data), name);
	}

	@Override
	public WireFrame signal(WireMessage.Signal signal) {
		return this.signals.get(signal);
	}

	private WireFrame signalFrame(WireMessage.Signal signal) {
		int type = switch (signal) {
			case INITIAL_HEARTBEAT -> INITIAL_HEARTBEAT;
			case HEARTBEAT -> HEARTBEAT;
			case CLOSE -> ADAPTER_CLOSE;
		};
		return new WireFrame(heartbeatChannel(), WireSupport.json(message("/", type, null)),
				signal.name().toLowerCase(java.util.Locale.ROOT));
	}

	@Override
	public WireMessage read(String channel, byte[] payload) {
		Map<String, Object> message = WireSupport.map(WireSupport.decode(payload), "message");
		boolean heartbeat = channel.equals(heartbeatChannel());
		if (!(message.get("uid") instanceof String sender)) {
			throw new MalformedMessageException("Message without uid");
		}
		if (sender.equals(this.uid)) {
			return null;
		}
		String nsp = (message.get("nsp") instanceof String name) ? name : "/";
		int type = (int) WireSupport.number(message.get("type"), -1);
		Map<String, Object> data = (message.get("data") instanceof Map<?, ?>) ? WireSupport.map(message.get("data"), "data")
				: Map.of();
		RequestIds ids = this.support.ids();
		if (heartbeat != (type == INITIAL_HEARTBEAT || type == HEARTBEAT || type == ADAPTER_CLOSE)) {
			throw new MalformedMessageException("Message of type " + type + " on " + channel);
		}
		switch (type) {
			case INITIAL_HEARTBEAT:
				return WireMessage.signal(sender, WireMessage.Signal.INITIAL_HEARTBEAT);
			case HEARTBEAT:
				return WireMessage.signal(sender, WireMessage.Signal.HEARTBEAT);
			case ADAPTER_CLOSE:
				return WireMessage.signal(sender, WireMessage.Signal.CLOSE);
			case BROADCAST: {
				Map<String, Object> packet = WireSupport.map(data.get("packet"), "packet");
				if (WireSupport.number(packet.get("type"), -1) != WireSupport.EVENT) {
					return null;
				}
				Object eventData = packet.get("data");
				Long requestId = null;
				Long timeout = null;
				if (data.get("requestId") != null) {
					requestId = ids.fromWire(data.get("requestId"), nsp);
					Map<String, Object> opts = WireSupport.map(data.get("opts"), "opts");
					timeout = (opts.get("flags") instanceof Map<?, ?> flags) ? WireSupport.number(flags.get("timeout"), 5000)
							: 5000L;
				}
				return WireMessage.of(sender, new Broadcast(WireSupport.target(nsp, data.get("opts")),
						WireSupport.event(eventData), this.support.arguments(eventData), requestId, timeout,
						(requestId == null) ? WireSupport.offset(data.get("opts")) : null),
						(requestId != null) ? "broadcast_ack" : "broadcast");
			}
			case SOCKETS_JOIN:
				return WireMessage.of(sender, new SocketsJoin(ids.fromWire(data.get("requestId"), nsp),
						WireSupport.target(nsp, data.get("opts")), WireSupport.strings(data.get("rooms"))), "sockets_join");
			case SOCKETS_LEAVE:
				return WireMessage.of(sender, new SocketsLeave(ids.fromWire(data.get("requestId"), nsp),
						WireSupport.target(nsp, data.get("opts")), WireSupport.strings(data.get("rooms"))), "sockets_leave");
			case DISCONNECT_SOCKETS:
				return WireMessage.of(sender, new DisconnectSockets(ids.fromWire(data.get("requestId"), nsp),
						WireSupport.target(nsp, data.get("opts")), Boolean.TRUE.equals(data.get("close"))),
						"disconnect_sockets");
			case FETCH_SOCKETS:
				return WireMessage.of(sender, new FetchSockets(ids.fromWire(data.get("requestId"), nsp),
						WireSupport.target(nsp, data.get("opts"))), "fetch_sockets");
			case SESSION_HANDOVER:
			{
				SessionHandover handover = WireSupport.handover(data.get("handover"));
				return WireMessage.of(sender, new SessionHandover(ids.fromWire(data.get("requestId"), nsp),
						handover.sessions(), handover.log(), handover.seen()), "session_handover");
			}
			case RESTORE_SESSION:
				return WireMessage.of(sender, new RestoreSession(ids.fromWire(data.get("requestId"), nsp),
						String.valueOf(data.get("pid")), String.valueOf(data.get("offset"))), "restore_session");
			case SERVER_SIDE_EMIT: {
				Object packet = data.get("packet");
				Long requestId = (data.get("requestId") != null) ? ids.fromWire(data.get("requestId"), nsp) : null;
				return WireMessage.of(sender,
						new ServerSideEmit(requestId, nsp, WireSupport.event(packet), this.support.arguments(packet)),
						"server_side_emit");
			}
			default:
				return readResponse(sender, nsp, type, data);
		}
	}

	private WireMessage readResponse(String sender, String nsp, int type, Map<String, Object> data) {
		Long own = RequestIds.ownFromWire(data.get("requestId"));
		if (own == null) {
			return null;
		}
		long requestId = own;
		return switch (type) {
			case FETCH_SOCKETS_RESPONSE -> WireMessage.of(sender,
					new FetchSocketsResponse(requestId, nsp, this.support.descriptions(data.get("sockets"))),
					"fetch_sockets_response");
			case SERVER_SIDE_EMIT_RESPONSE -> WireMessage.of(sender, new ServerSideEmitResponse(requestId, data.get("packet")),
					"server_side_emit_response");
			case BROADCAST_CLIENT_COUNT -> WireMessage.of(sender, new BroadcastClientCount(requestId,
					(int) WireSupport.number(data.get("clientCount"), 0), WireSupport.strings(data.get("socketIds"))),
					"broadcast_client_count");
			case BROADCAST_ACK -> WireMessage.of(sender, new BroadcastAck(requestId, data.get("packet"),
					Boolean.TRUE.equals(data.get("missing")), (data.get("socketId") instanceof String id) ? id : null),
					"broadcast_ack");
			case OPERATION_DONE -> WireMessage.of(sender, new OperationDone(requestId), "operation_done");
			case RESTORE_SESSION_RESPONSE -> WireMessage.of(sender,
					new RestoreSessionResponse(requestId, WireSupport.session(data.get("session"))), "restore_session_response");
			default -> null;
		};
	}

}

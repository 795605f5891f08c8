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

/**
 * The wire of {@code createAdapter} of {@code @socket.io/redis-adapter} 8.3.
 * <pre>
 * broadcast      PUBLISH &lt;prefix&gt;#&lt;nsp&gt;#[&lt;room&gt;#]   msgpack [uid, {type: 2, data: [event, ...args], nsp},
 *                                                               {rooms, except, flags}]
 * request        PUBLISH &lt;prefix&gt;-request#&lt;nsp&gt;#     JSON {uid, requestId, type, ...}
 *                                                     (broadcast with ack, type 7, and binary
 *                                                     inside: msgpack, which Node reads too)
 * response       PUBLISH &lt;prefix&gt;-response#&lt;nsp&gt;#[&lt;uid&gt;#]  JSON {requestId, ...}, acks (type 9) msgpack
 * heartbeat      PUBLISH &lt;prefix&gt;-heartbeat#          JSON {uid, type}   (this adapter only)
 * </pre>
 * Request types: 2 join, 3 leave, 4 disconnect, 5 fetch sockets, 6 server-side emit,
 * 7 broadcast with ack, 8 its client count, 9 one ack. Node's responses do not name their
 * sender and its joins, leaves and disconnections are never answered. Extensions that Node
 * servers ignore: {@code requestId} on joins, leaves and disconnections answered by
 * {@code {requestId, uid, done: true}}; {@code uid} on every response; socket ids on client
 * counts and acks, and acks of clients that did not answer ({@code missing}), sent to this
 * adapter's peers only (a Node requester would count them as answers). Heartbeats go on a
 * channel of their own: whatever matches {@code <prefix>#<nsp>#*} is read as a broadcast.
 */
final class ClassicWire implements NodeWire {

	static final int REMOTE_JOIN = 2;

	static final int REMOTE_LEAVE = 3;

	static final int REMOTE_DISCONNECT = 4;

	static final int REMOTE_FETCH = 5;

	static final int SERVER_SIDE_EMIT = 6;

	static final int BROADCAST = 7;

	static final int BROADCAST_CLIENT_COUNT = 8;

	static final int BROADCAST_ACK = 9;

	/** Not in Node's adapter (which ignores it): a session to restore, answered by this adapter's peers. */
	static final int RESTORE_SESSION = 100;

	/** Not in Node's adapter (which ignores it): a stopping peer's kept sessions. */
	static final int SESSION_HANDOVER = 101;

	private final String prefix;

	private final String uid;

	private final WireSupport support;

	/** Heartbeats every second carry the same bytes: encoded once. */
	private final Map<WireMessage.Signal, WireFrame> signals = new EnumMap<>(WireMessage.Signal.class);

	// every frame received is sorted by these: built once, not per frame
	private final String heartbeatChannel;

	private final String requestStart;

	private final String responseStart;

	private final String broadcastStart;

	ClassicWire(String prefix, String uid, RequestIds ids) {
		this.prefix = prefix;
		this.uid = uid;
		this.support = new WireSupport(ids);
		this.heartbeatChannel = prefix + "-heartbeat#";
		this.requestStart = prefix + "-request#";
		this.responseStart = prefix + "-response#";
		this.broadcastStart = prefix + "#";
		for (WireMessage.Signal signal : WireMessage.Signal.values()) {
			this.signals.put(signal, signalFrame(signal));
		}
	}

	String broadcastChannel(String nsp) {
		return this.prefix + "#" + nsp + "#";
	}

	String requestChannel(String nsp) {
		return this.prefix + "-request#" + nsp + "#";
	}

	String responseChannel(String nsp) {
		return this.prefix + "-response#" + nsp + "#";
	}

	String heartbeatChannel() {
		return this.heartbeatChannel;
	}

	@Override
	public List<String> channels(String nsp, boolean servesClients) {
		// the exact request channel is what Node counts servers by (PUBSUB NUMSUB)
		return servesClients
				? List.of(requestChannel(nsp), responseChannel(nsp), responseChannel(nsp) + this.uid + "#")
				: List.of(responseChannel(nsp), responseChannel(nsp) + this.uid + "#");
	}

	@Override
	public List<String> nodeChannels(boolean servesClients) {
		return List.of(heartbeatChannel());
	}

	@Override
	public List<String> patterns(boolean servesClients) {
		return servesClients ? List.of(this.prefix + "#/*") : List.of();
	}

	@Override
	public String serverCountChannel() {
		return requestChannel("/");
	}

	@Override
	public String peerChannel(String uid) {
		return responseChannel("/") + uid + "#";
	}

	@Override
	public boolean sharded() {
		return false;
	}

	@Override
	public WireFrame publish(AdapterMessage message) {
		if (message instanceof Broadcast broadcast) {
			String nsp = broadcast.target().nsp();
			if (broadcast.requestId() == null) {
				String channel = broadcastChannel(nsp);
				if (broadcast.target().rooms().size() == 1) {
					channel += broadcast.target().rooms().get(0) + "#";
				}
				Object packet = this.support.packet(nsp, broadcast.event(), broadcast.args());
				return new WireFrame(channel,
						WireSupport.msgpack(List.of(this.uid, packet, WireSupport.options(broadcast.target(),
								WireSupport.flags(broadcast)))),
						"broadcast");
			}
			Map<String, Object> request = request(broadcast.requestId(), BROADCAST);
			request.put("packet", this.support.packet(nsp, broadcast.event(), broadcast.args()));
			request.put("opts", WireSupport.options(broadcast.target(), Map.of("timeout", broadcast.ackTimeoutMillis())));
			return new WireFrame(requestChannel(nsp), WireSupport.msgpack(request), "broadcast_ack");
		}
		if (message instanceof SocketsJoin join) {
			return operation(join.requestId(), REMOTE_JOIN, join.target(), "rooms", join.rooms(), "sockets_join");
		}
		if (message instanceof SocketsLeave leave) {
			return operation(leave.requestId(), REMOTE_LEAVE, leave.target(), "rooms", leave.rooms(), "sockets_leave");
		}
		if (message instanceof DisconnectSockets disconnect) {
			return operation(disconnect.requestId(), REMOTE_DISCONNECT, disconnect.target(), "close", disconnect.close(),
					"disconnect_sockets");
		}
		if (message instanceof FetchSockets fetch) {
			Map<String, Object> request = request(fetch.requestId(), REMOTE_FETCH);
			request.put("opts", WireSupport.options(fetch.target(), Map.of()));
			return new WireFrame(requestChannel(fetch.target().nsp()), WireSupport.json(request), "fetch_sockets");
		}
		if (message instanceof ServerSideEmit emit) {
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("uid", this.uid);
			if (emit.requestId() != null) {
				request.put("requestId", RequestIds.format(emit.requestId()));
			}
			request.put("type", SERVER_SIDE_EMIT);
			request.put("data", this.support.eventData(emit.event(), emit.args()));
			return new WireFrame(requestChannel(emit.nsp()), WireSupport.jsonUnlessBinary(request), "server_side_emit");
		}
		if (message instanceof RestoreSession restore) {
			Map<String, Object> request = request(restore.requestId(), RESTORE_SESSION);
			request.put("pid", restore.pid());
			request.put("offset", restore.offset());
			return new WireFrame(requestChannel("/"), WireSupport.json(request), "restore_session");
		}
		if (message instanceof SessionHandover handover) {
			Map<String, Object> request = request(handover.requestId(), SESSION_HANDOVER);
			request.put("handover", WireSupport.handover(handover));
			return new WireFrame(requestChannel("/"), WireSupport.msgpack(request), "session_handover");
		}
		// memberships are not replicated, and ADAPTER_CLOSE travels as a signal
		return null;
	}

	private Map<String, Object> request(long requestId, int type) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("uid", this.uid);
		request.put("requestId", RequestIds.format(requestId));
		request.put("type", type);
		return request;
	}

	private WireFrame operation(long requestId, int type, dev.clusteradapter.cluster.adapter.BroadcastTarget target,
			String key, Object value, String name) {
		Map<String, Object> request = request(requestId, type);
		Map<String, Object> opts = new LinkedHashMap<>();
		opts.put("rooms", target.rooms());
		opts.put("except", target.except());
		request.put("opts", opts);
		request.put(key, value);
		return new WireFrame(requestChannel(target.nsp()), WireSupport.json(request), name);
	}

	@Override
	public WireFrame send(String targetUid, boolean namedPeer, AdapterMessage message) {
		RequestIds ids = this.support.ids();
		if (message instanceof FetchSocketsResponse response) {
			Map<String, Object> body = response(ids.toWire(response.requestId()));
			body.put("sockets", this.support.sockets(response.sockets()));
			return new WireFrame(specificResponseChannel(response.nsp(), targetUid), WireSupport.jsonUnlessBinary(body),
					"fetch_sockets_response");
		}
		if (message instanceof ServerSideEmitResponse response) {
			Map<String, Object> body = response(ids.toWire(response.requestId()));
			body.put("type", SERVER_SIDE_EMIT);
			body.put("data", response.response());
			return new WireFrame(specificResponseChannel(responseNamespace(response.requestId()), targetUid),
					WireSupport.jsonUnlessBinary(body), "server_side_emit_response");
		}
		if (message instanceof BroadcastClientCount count) {
			Map<String, Object> body = response(ids.toWire(count.requestId()));
			body.put("type", BROADCAST_CLIENT_COUNT);
			body.put("clientCount", count.count());
			if (namedPeer) {
				body.put("socketIds", count.socketIds());
			}
			return new WireFrame(specificResponseChannel(responseNamespace(count.requestId()), targetUid), WireSupport.json(body),
					"broadcast_client_count");
		}
		if (message instanceof BroadcastAck ack) {
			if (ack.missing() && !namedPeer) {
				return null;
			}
			Map<String, Object> body = response(ids.toWire(ack.requestId()));
			body.put("type", BROADCAST_ACK);
			body.put("packet", ack.response());
			if (namedPeer) {
				body.put("socketId", ack.socketId());
				body.put("missing", ack.missing());
			}
			return new WireFrame(specificResponseChannel(responseNamespace(ack.requestId()), targetUid), WireSupport.msgpack(body),
					"broadcast_ack");
		}
		if (message instanceof RestoreSessionResponse restored) {
			Map<String, Object> body = response(ids.toWire(restored.requestId()));
			body.put("type", RESTORE_SESSION);
			body.put("session", WireSupport.session(restored.session()));
			return new WireFrame(specificResponseChannel(responseNamespace(restored.requestId()), targetUid),
					WireSupport.msgpack(body), "restore_session_response");
		}
		if (message instanceof OperationDone done) {
			if (done.requestId() == 0 || !namedPeer) {
				return null;
			}
			Map<String, Object> body = response(ids.toWire(done.requestId()));
			body.put("done", true);
			return new WireFrame(specificResponseChannel(responseNamespace(done.requestId()), targetUid), WireSupport.json(body),
					"operation_done");
		}
		return publish(message);
	}

	/** A Node requester listens on its own namespace's response channels only. */
	private String responseNamespace(long requestId) {
		return this.support.ids().namespaceOf(requestId);
	}

	private String specificResponseChannel(String nsp, String targetUid) {
		return responseChannel(nsp) + targetUid + "#";
	}

	private Map<String, Object> response(String requestId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("requestId", requestId);
		body.put("uid", this.uid);
		return body;
	}

	@Override
	public WireFrame signal(WireMessage.Signal signal) {
		return this.signals.get(signal);
	}

	private WireFrame signalFrame(WireMessage.Signal signal) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("uid", this.uid);
		body.put("type", signal.name());
		return new WireFrame(heartbeatChannel(), WireSupport.json(body), signal.name().toLowerCase(java.util.Locale.ROOT));
	}

	@Override
	public WireMessage read(String channel, byte[] payload) {
		if (channel.equals(this.heartbeatChannel)) {
			return readSignal(payload);
		}
		String nsp = WireSupport.namespaceAfter(channel, this.requestStart);
		if (nsp != null) {
			return readRequest(nsp, payload);
		}
		String responseNsp = WireSupport.namespaceAfter(channel, this.responseStart);
		if (responseNsp != null) {
			return readResponse(responseNsp, WireSupport.map(WireSupport.decode(payload), "response"));
		}
		if (channel.startsWith(this.broadcastStart)) {
			return readBroadcast(payload);
		}
		return null;
	}

	private WireMessage readSignal(byte[] payload) {
		Map<String, Object> body = WireSupport.map(WireSupport.decode(payload), "heartbeat");
		Object sender = body.get("uid");
		if (!(sender instanceof String senderUid) || senderUid.equals(this.uid)) {
			return null;
		}
		try {
			return WireMessage.signal(senderUid, WireMessage.Signal.valueOf(String.valueOf(body.get("type"))));
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedMessageException("Unknown signal " + body.get("type"));
		}
	}

	private WireMessage readBroadcast(byte[] payload) {
		Object decoded = WireSupport.decode(payload);
		if (!(decoded instanceof List<?> triple) || triple.size() < 3 || !(triple.get(0) instanceof String sender)) {
			throw new MalformedMessageException("Expected a broadcast [uid, packet, opts]");
		}
		if (sender.equals(this.uid)) {
			return null;
		}
		Map<String, Object> packet = WireSupport.map(triple.get(1), "packet");
		String nsp = (packet.get("nsp") instanceof String name) ? name : "/";
		if (WireSupport.number(packet.get("type"), -1) != WireSupport.EVENT) {
			return null;
		}
		Object data = packet.get("data");
		return WireMessage.of(sender, new Broadcast(WireSupport.target(nsp, triple.get(2)), WireSupport.event(data),
				this.support.arguments(data), null, null, WireSupport.offset(triple.get(2))), "broadcast");
	}

	private WireMessage readRequest(String nsp, byte[] payload) {
		Map<String, Object> request = WireSupport.map(WireSupport.decode(payload), "request");
		Object sender = request.get("uid");
		if (!(sender instanceof String senderUid)) {
			throw new MalformedMessageException("Request without uid");
		}
		if (senderUid.equals(this.uid)) {
			return null;
		}
		RequestIds ids = this.support.ids();
		int type = (int) WireSupport.number(request.get("type"), -1);
		switch (type) {
			case REMOTE_JOIN, REMOTE_LEAVE, REMOTE_DISCONNECT -> {
				if (request.get("opts") == null) {
					// the single-socket form (remoteJoin of older servers) is not served
					return null;
				}
				long id = ids.fromWire(request.get("requestId"), nsp);
				var target = WireSupport.target(nsp, request.get("opts"));
				AdapterMessage message = switch (type) {
					case REMOTE_JOIN -> new SocketsJoin(id, target, WireSupport.strings(request.get("rooms")));
					case REMOTE_LEAVE -> new SocketsLeave(id, target, WireSupport.strings(request.get("rooms")));
					default -> new DisconnectSockets(id, target, Boolean.TRUE.equals(request.get("close")));
				};
				return WireMessage.of(senderUid, message, typeName(type));
			}
			case REMOTE_FETCH -> {
				return WireMessage.of(senderUid, new FetchSockets(ids.fromWire(request.get("requestId"), nsp),
						WireSupport.target(nsp, request.get("opts"))), "fetch_sockets");
			}
			case SERVER_SIDE_EMIT -> {
				Object data = request.get("data");
				Long id = (request.get("requestId") != null) ? ids.fromWire(request.get("requestId"), nsp) : null;
				return WireMessage.of(senderUid,
						new ServerSideEmit(id, nsp, WireSupport.event(data), this.support.arguments(data)), "server_side_emit");
			}
			case BROADCAST -> {
				Map<String, Object> packet = WireSupport.map(request.get("packet"), "packet");
				Object data = packet.get("data");
				Map<String, Object> opts = WireSupport.map(request.get("opts"), "opts");
				long timeout = (opts.get("flags") instanceof Map<?, ?> flags) ? WireSupport.number(flags.get("timeout"), 5000)
						: 5000;
				return WireMessage.of(senderUid, new Broadcast(WireSupport.target(nsp, opts), WireSupport.event(data),
						this.support.arguments(data), ids.fromWire(request.get("requestId"), nsp), timeout), "broadcast_ack");
			}
			case SESSION_HANDOVER -> {
				SessionHandover handover = WireSupport.handover(request.get("handover"));
				return WireMessage.of(senderUid, new SessionHandover(ids.fromWire(request.get("requestId"), nsp),
						handover.sessions(), handover.log(), handover.seen()), "session_handover");
			}
			case RESTORE_SESSION -> {
				return WireMessage.of(senderUid, new RestoreSession(ids.fromWire(request.get("requestId"), nsp),
						String.valueOf(request.get("pid")), String.valueOf(request.get("offset"))), "restore_session");
			}
			default -> {
				// SOCKETS (0) and ALL_ROOMS (1) are not served: see the README
				return null;
			}
		}
	}

	private WireMessage readResponse(String nsp, Map<String, Object> body) {
		Object requestIdText = body.get("requestId");
		if (requestIdText == null) {
			return null;
		}
		String sender = (body.get("uid") instanceof String text) ? text : null;
		if (this.uid.equals(sender)) {
			return null;
		}
		Long own = RequestIds.ownFromWire(requestIdText);
		if (own == null) {
			return null;
		}
		long requestId = own;
		if (Boolean.TRUE.equals(body.get("done"))) {
			return WireMessage.of(sender, new OperationDone(requestId), "operation_done");
		}
		if (body.containsKey("sockets")) {
			return WireMessage.of(sender, new FetchSocketsResponse(requestId, nsp, this.support.descriptions(body.get("sockets"))),
					"fetch_sockets_response");
		}
		int type = (int) WireSupport.number(body.get("type"), -1);
		return switch (type) {
			case SERVER_SIDE_EMIT ->
				WireMessage.of(sender, new ServerSideEmitResponse(requestId, body.get("data")), "server_side_emit_response");
			case BROADCAST_CLIENT_COUNT -> WireMessage.of(sender, new BroadcastClientCount(requestId,
					(int) WireSupport.number(body.get("clientCount"), 0), WireSupport.strings(body.get("socketIds"))),
					"broadcast_client_count");
			case BROADCAST_ACK -> WireMessage.of(sender, new BroadcastAck(requestId, body.get("packet"),
					Boolean.TRUE.equals(body.get("missing")), (body.get("socketId") instanceof String id) ? id : null),
					"broadcast_ack");
			case RESTORE_SESSION -> WireMessage.of(sender,
					new RestoreSessionResponse(requestId, WireSupport.session(body.get("session"))), "restore_session_response");
			default -> null;
		};
	}

	private static String typeName(int type) {
		return switch (type) {
			case REMOTE_JOIN -> "sockets_join";
			case REMOTE_LEAVE -> "sockets_leave";
			default -> "disconnect_sockets";
		};
	}

}

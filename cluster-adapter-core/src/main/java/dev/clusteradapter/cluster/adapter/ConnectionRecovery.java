package dev.clusteradapter.cluster.adapter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.protocol.Packet;
import com.fasterxml.jackson.core.type.TypeReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clusteradapter.cluster.adapter.AdapterMessage.MissedEvent;
import dev.clusteradapter.cluster.adapter.AdapterMessage.RestoredSession;
import dev.clusteradapter.cluster.socketio.EngineIoSession;

/**
 * Socket.IO's connection state recovery, cluster-wide, for one node. The sender of a
 * recoverable broadcast (not volatile, without acks) gives it an offset, its last argument;
 * every node logs it under that offset ({@link RecoveryLog}) as it delivers it. A socket
 * that leaves for a recoverable reason leaves its session here ({@link RecoverySessions}).
 * A client reconnecting anywhere with its private id and last offset gets its session from
 * the node that held it, with what it missed in that node's order; the node it reached adds
 * what arrived there and not yet at the other, then joins the rooms, all under the lock its
 * deliveries hold, so every event comes once, in each sender's order.
 * <p>
 * Disabled until {@link #enable(ConnectionRecoveryOptions)}.
 */
public final class ConnectionRecovery {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionRecovery.class);

	private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {
	};

	private final ClusterAdapter adapter;

	private final RecoveryOffset.Sequence offsets = new RecoveryOffset.Sequence();

	// held while logging and delivering a broadcast, and while a socket takes over a session
	private final Object lock = new Object();

	private volatile ConnectionRecoveryOptions options;

	private RecoveryLog log;

	private volatile RecoverySessions sessions;

	private final Map<UUID, Map<String, SocketState>> sockets = new ConcurrentHashMap<>();

	/** Engine.IO sessions of the sockets that took over a session, by namespace and restored id. */
	private final Map<RestoredId, UUID> restoredIds = new ConcurrentHashMap<>();

	private final AtomicInteger restoring = new AtomicInteger();

	/** What stopped peers handed over, until their sessions are taken or expired. */
	private final List<HandedOver> handedOver = new java.util.concurrent.CopyOnWriteArrayList<>();

	ConnectionRecovery(ClusterAdapter adapter) {
		this.adapter = adapter;
	}

	/**
	 * Turns recovery on, on this node: its broadcasts get offsets, its sockets leave sessions.
	 * Every node of a cluster should have the same options.
	 * @param options the options
	 */
	public void enable(ConnectionRecoveryOptions options) {
		long window = options.maxDisconnectionDuration().toMillis();
		synchronized (this.lock) {
			this.log = new RecoveryLog(options.maxLoggedEvents(), window);
		}
		this.sessions = new RecoverySessions(options.maxSessions(), window);
		this.options = options;
	}

	/**
	 * Whether recovery is on.
	 * @return whether it is
	 */
	public boolean enabled() {
		return this.options != null;
	}

	/**
	 * The options, when enabled.
	 * @return the options, or {@code null}
	 */
	public ConnectionRecoveryOptions options() {
		return this.options;
	}

	// --- broadcasts

	/** An offset for a broadcast this node sends, or {@code null} when it is not recoverable. */
	RecoveryOffset offsetFor(BroadcastTarget target) {
		return (this.options != null && !target.volatileOnly()) ? this.offsets.next() : null;
	}

	/**
	 * Logs a broadcast (when it has an offset) and delivers it, skipping the sockets that are
	 * taking over a session: they get it from the log.
	 */
	void deliver(BroadcastTarget target, String event, EncodedArgs args, String offset,
			Consumer<Predicate<SocketIOClient>> delivery) {
		RecoveryOffset parsed = (offset != null && this.options != null) ? RecoveryOffset.parse(offset) : null;
		if (parsed == null) {
			delivery.accept(null);
			return;
		}
		synchronized (this.lock) {
			this.log.append(new RecoveryLog.Entry(parsed, target, event, args, System.currentTimeMillis()));
			delivery.accept((this.restoring.get() > 0) ? this::isRestoring : null);
		}
	}

	private boolean isRestoring(SocketIOClient client) {
		SocketState state = state(client.getSessionId(), nsp(client));
		return state != null && state.pending();
	}

	// --- connections

	/**
	 * A new private session id.
	 * @return the id
	 */
	public String newPid() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Looks for a session, here and then on the other nodes; the node holding it hands it
	 * over once.
	 * @param pid the private id the client sent
	 * @param offset the offset of the last event it processed
	 * @return the restoration, or {@code null} (never failed) when the client starts fresh
	 */
	public CompletableFuture<Restoration> restore(String pid, String offset) {
		long asked = System.currentTimeMillis();
		RestoredSession here = takeHere(pid, offset);
		if (here != null) {
			return CompletableFuture.completedFuture(new Restoration(here, asked));
		}
		return this.adapter.restoreSession(pid, offset)
			.thenApply((session) -> (session != null) ? new Restoration(session, asked) : null)
			.exceptionally((failure) -> {
				logger.debug("No session {} from the cluster: {}", pid, failure.toString());
				return null;
			});
	}

	/**
	 * Hands over a session this node holds, with the events it missed.
	 * @return the session, or {@code null} when not held here, expired, or past recovery
	 * (its offset no longer logged, or too many events missed); the session is gone then
	 */
	RestoredSession takeHere(String pid, String offset) {
		ConnectionRecoveryOptions current = this.options;
		RecoverySessions kept = this.sessions;
		if (current == null || kept == null || pid == null || offset == null) {
			return null;
		}
		long now = System.currentTimeMillis();
		RecoverySessions.Kept session = kept.take(pid, now);
		if (session == null) {
			return takeHandedOver(pid, offset, now, current);
		}
		synchronized (this.lock) {
			this.log.expire(now);
			return restored(session, this.log, this.log.received(), offset, now, current);
		}
	}

	private static RestoredSession restored(RecoverySessions.Kept session, RecoveryLog log, Map<String, Long> seen,
			String offset, long now, ConnectionRecoveryOptions current) {
		Object missed = log.after(offset, session.nsp(), session.rooms(), current.maxMissedEvents());
		if (missed instanceof RecoveryLog.Gap gap) {
			logger.debug("Session {} starts fresh: {}", session.pid(), gap);
			return null;
		}
		List<MissedEvent> events = new ArrayList<>();
		for (Object entry : (List<?>) missed) {
			RecoveryLog.Entry logged = (RecoveryLog.Entry) entry;
			events.add(new MissedEvent(logged.event(), logged.args()));
		}
		return new RestoredSession(session.pid(), session.sid(), session.nsp(), session.rooms(), session.data(), events,
				seen, now - session.disconnectedAt());
	}

	/** A session a stopped peer handed over, with what it missed by that peer's log. */
	private RestoredSession takeHandedOver(String pid, String offset, long now, ConnectionRecoveryOptions current) {
		this.handedOver.removeIf((handover) -> handover.sessions.size() == 0);
		for (HandedOver handover : this.handedOver) {
			RecoverySessions.Kept session = handover.sessions.take(pid, now);
			if (session != null) {
				synchronized (handover) {
					return restored(session, handover.log, handover.seen, offset, now, current);
				}
			}
		}
		return null;
	}

	/**
	 * The sessions this node kept, with its log, for its peers: a node that stops hands them
	 * over, so that its clients still recover on another (its log ends with it).
	 * @return the handover, or {@code null} when there is none
	 */
	AdapterMessage.SessionHandover handOver(long requestId) {
		RecoverySessions kept = this.sessions;
		if (this.options == null || kept == null) {
			return null;
		}
		long now = System.currentTimeMillis();
		List<RecoverySessions.Kept> all = kept.drain(now);
		if (all.isEmpty()) {
			return null;
		}
		List<AdapterMessage.HandedSession> sessions = new ArrayList<>(all.size());
		for (RecoverySessions.Kept session : all) {
			sessions.add(new AdapterMessage.HandedSession(session.pid(), session.sid(), session.nsp(), session.rooms(),
					session.data(), now - session.disconnectedAt()));
		}
		List<AdapterMessage.LoggedEvent> logged = new ArrayList<>();
		Map<String, Long> seen;
		synchronized (this.lock) {
			this.log.expire(now);
			for (RecoveryLog.Entry entry : this.log.entries()) {
				if (all.stream().noneMatch((session) -> RecoveryLog.concerns(entry, session.nsp(), session.rooms()))) {
					continue;
				}
				logged.add(new AdapterMessage.LoggedEvent(entry.offset().toString(), entry.target(), entry.event(),
						entry.args()));
			}
			seen = this.log.received();
		}
		return new AdapterMessage.SessionHandover(requestId, sessions, logged, seen);
	}

	/** Whether this node keeps sessions of its own, which it would hand over when it stops. */
	boolean keepsSessions() {
		RecoverySessions kept = this.sessions;
		return this.options != null && kept != null && kept.size() > 0;
	}

	/**
	 * A stopped peer handed over its sessions: this node serves them as its own.
	 * @param handover what it handed over
	 */
	void handedOver(AdapterMessage.SessionHandover handover) {
		ConnectionRecoveryOptions current = this.options;
		if (current == null || handover.sessions().isEmpty()) {
			return;
		}
		long now = System.currentTimeMillis();
		long window = current.maxDisconnectionDuration().toMillis();
		RecoveryLog log = new RecoveryLog(Math.max(1, handover.log().size()), window);
		for (AdapterMessage.LoggedEvent event : handover.log()) {
			RecoveryOffset offset = RecoveryOffset.parse(event.offset());
			if (offset != null) {
				log.append(new RecoveryLog.Entry(offset, event.target(), event.event(), event.args(), now));
			}
		}
		RecoverySessions sessions = new RecoverySessions(handover.sessions().size(), window);
		for (AdapterMessage.HandedSession session : handover.sessions()) {
			sessions.keep(new RecoverySessions.Kept(session.pid(), session.sid(), session.nsp(), session.rooms(),
					session.data(), now - session.disconnectedMillisAgo()));
		}
		this.handedOver.add(new HandedOver(log, sessions, Map.copyOf(handover.seen())));
	}

	/**
	 * Whether this node has received every event the node that answered a restoration had:
	 * until then, one still on its way here could reach the socket twice.
	 * @param restoration the restoration
	 * @return whether it has
	 */
	public boolean caughtUp(Restoration restoration) {
		synchronized (this.lock) {
			return this.log == null || this.log.caughtUp(restoration.session().seen());
		}
	}

	/**
	 * A socket is connecting: its CONNECT answer will carry {@code pid}; with a
	 * restoration, it takes over that session as it connects ({@link #connected}).
	 * @param sessionId its Engine.IO session
	 * @param nsp its namespace, socket.io style
	 * @param pid its private session id
	 * @param restoration the session it takes over, or {@code null}
	 */
	public void connecting(UUID sessionId, String nsp, String pid, Restoration restoration) {
		String socketId = (restoration != null) ? restoration.previousId() : null;
		if (socketId != null) {
			this.restoredIds.put(new RestoredId(nsp, socketId), sessionId);
		}
		put(sessionId, nsp, new SocketState(pid, socketId, restoration, false));
	}

	/**
	 * A socket's CONNECT is held while its session is looked for: broadcasts skip it meanwhile
	 * (a socket of the default namespace is in it from the Engine.IO handshake on, with
	 * netty-socketio), as it will get them from the log if restored.
	 * @param sessionId its Engine.IO session
	 * @param nsp its namespace, socket.io style
	 */
	public void holding(UUID sessionId, String nsp) {
		put(sessionId, nsp, new SocketState(null, null, null, true));
	}

	private void put(UUID sessionId, String nsp, SocketState state) {
		SocketState previous = this.sockets.computeIfAbsent(sessionId, (id) -> new ConcurrentHashMap<>()).put(nsp, state);
		if (previous != null && previous.pending()) {
			this.restoring.decrementAndGet();
		}
		if (previous != null && previous.socketId != null && !previous.socketId.equals(state.socketId)) {
			forgetId(nsp, previous.socketId, sessionId);
		}
		if (state.pending()) {
			this.restoring.incrementAndGet();
		}
	}

	/**
	 * netty-socketio processed a socket's CONNECT: see {@link #connected(SocketIOClient)}.
	 * netty-socketio connects a socket to the default namespace at the Engine.IO handshake
	 * already, so for that one this is where it takes over its session.
	 * @param sessionId its Engine.IO session
	 * @param nsp its namespace, socket.io style
	 */
	public void connected(UUID sessionId, String nsp) {
		SocketIOClient client = this.adapter.sockets().client(nsp, sessionId);
		if (client != null) {
			connected(client);
		}
	}

	/**
	 * Private session id of a connecting or connected socket.
	 * @param sessionId its Engine.IO session
	 * @param nsp its namespace, socket.io style
	 * @return the id, or {@code null} without recovery
	 */
	public String pid(UUID sessionId, String nsp) {
		SocketState state = state(sessionId, nsp);
		return (state != null) ? state.pid : null;
	}

	/**
	 * A socket connected (before the application's connect listeners): one that takes over a
	 * session joins its rooms, gets its data, and is sent the events it missed.
	 * @param client the socket
	 */
	public void connected(SocketIOClient client) {
		String nsp = nsp(client);
		SocketState state = state(client.getSessionId(), nsp);
		if (state == null) {
			EngineIoSession session = EngineIoSession.of(client);
			if (this.options != null && "/".equals(nsp) && session != null && session.isV4()) {
				// netty-socketio connects a v4 client to "/" at its handshake: until its CONNECT,
				// it is not in the namespace for Socket.IO, and a restored one gets it all from the log
				holding(client.getSessionId(), nsp);
			}
			return;
		}
		state.connected = true;
		if (state.restoration == null) {
			return;
		}
		RestoredSession session = state.restoration.session();
		long notBefore = state.restoration.askedAt() - session.sinceDisconnectMillis();
		data(session).forEach(client::set);
		String ownRoom = client.getNamespace().getName();
		synchronized (this.lock) {
			List<RecoveryLog.Entry> beyond = this.log.beyond(session.seen(), notBefore, nsp, session.rooms());
			for (String room : session.rooms()) {
				if (!room.equals(ownRoom)) {
					// the old id too: emits to it reach the socket that took it over
					client.joinRoom(room);
				}
			}
			ArgumentCodec codec = this.adapter.arguments();
			for (MissedEvent missed : session.missed()) {
				client.send(packet(client, missed.event(), missed.args(), codec));
			}
			if (beyond == null) {
				logger.warn("Socket {} took over session {}: events that arrived here meanwhile are no longer logged",
						client.getSessionId(), session.pid());
			}
			else {
				for (RecoveryLog.Entry entry : beyond) {
					client.send(packet(client, entry.event(), entry.args(), codec));
				}
			}
			state.recovered = true;
			state.restoration = null;
			this.restoring.decrementAndGet();
		}
	}

	private static Packet packet(SocketIOClient client, String event, EncodedArgs args, ArgumentCodec codec) {
		return LocalSockets.eventPacket(client, event, codec.forClients(args));
	}

	private Map<String, Object> data(RestoredSession session) {
		if (session.data() == null || session.data().length == 0) {
			return Map.of();
		}
		try {
			return this.adapter.mapper().readValue(session.data(), DATA);
		}
		catch (IOException ex) {
			logger.warn("Data of session {} cannot be read: {}", session.pid(), ex.toString());
			return Map.of();
		}
	}

	/**
	 * Whether a socket took over a session when it connected.
	 * @param client the socket
	 * @return whether its state was recovered
	 */
	public boolean isRecovered(SocketIOClient client) {
		SocketState state = state(client.getSessionId(), nsp(client));
		return state != null && state.recovered;
	}

	/**
	 * The Socket.IO id of a socket: the one it had before, when it took over a session (and
	 * through every later one), its Engine.IO session id otherwise.
	 * @param client the socket
	 * @return its id
	 */
	public String socketId(SocketIOClient client) {
		// a view of another node's socket is known here by the id that node gave it
		String restored = this.sockets.containsKey(client.getSessionId()) ? socketId(client.getSessionId(), nsp(client))
				: null;
		return (restored != null) ? restored : client.getSessionId().toString();
	}

	/**
	 * The id a connecting or connected socket took over with a session, which its CONNECT
	 * answer carries as {@code sid}.
	 * @param sessionId its Engine.IO session
	 * @param nsp its namespace, socket.io style
	 * @return the id, or {@code null} when it took over none
	 */
	public String socketId(UUID sessionId, String nsp) {
		SocketState state = state(sessionId, nsp);
		return (state != null) ? state.socketId : null;
	}

	/**
	 * The Engine.IO session of the socket of this node that took over a session with the
	 * given id.
	 * @param nsp its namespace, socket.io style
	 * @param socketId the id it took over
	 * @return its session, or {@code null} when no socket here took that id over
	 */
	public UUID sessionOf(String nsp, String socketId) {
		return (socketId != null) ? this.restoredIds.get(new RestoredId(nsp, socketId)) : null;
	}

	private void forgetId(String nsp, String socketId, UUID sessionId) {
		this.restoredIds.remove(new RestoredId(nsp, socketId), sessionId);
	}

	/**
	 * The server disconnects a socket (it writes Socket.IO's DISCONNECT to its client, which
	 * then closes): no session stays behind, as in Socket.IO.
	 * @param sessionId its Engine.IO session
	 * @param nsp its namespace, socket.io style
	 */
	public void disconnecting(UUID sessionId, String nsp) {
		SocketState state = state(sessionId, nsp);
		if (state != null) {
			state.disconnectedByServer = true;
		}
	}

	/**
	 * A socket's rooms as it leaves (netty-socketio has left them by the time its disconnect
	 * listeners run).
	 */
	void leaving(String nsp, UUID sessionId, Collection<String> rooms) {
		SocketState state = state(sessionId, nsp);
		if (state != null) {
			state.rooms = List.copyOf(rooms);
		}
	}

	/**
	 * A socket disconnected: for a recoverable reason, its session stays here for the window.
	 * @param client the socket
	 * @param recoverable whether it left in a way Socket.IO recovers from (its transport
	 * closed or failed, a ping timed out, the server stopped), not by a disconnection
	 * the client or the server asked for
	 */
	public void disconnected(SocketIOClient client, boolean recoverable) {
		String nsp = nsp(client);
		Map<String, SocketState> states = this.sockets.get(client.getSessionId());
		SocketState state = (states != null) ? states.remove(nsp) : null;
		if (states != null && states.isEmpty()) {
			this.sockets.computeIfPresent(client.getSessionId(), (id, remaining) -> remaining.isEmpty() ? null : remaining);
		}
		if (state == null) {
			return;
		}
		if (state.pending()) {
			this.restoring.decrementAndGet();
		}
		if (state.socketId != null) {
			forgetId(nsp, state.socketId, client.getSessionId());
		}
		RecoverySessions kept = this.sessions;
		if (!recoverable || state.disconnectedByServer || kept == null || state.rooms == null) {
			return;
		}
		// a socket recovered before comes back under its first id again
		String sid = (state.socketId != null) ? state.socketId : client.getSessionId().toString();
		String ownRoom = client.getNamespace().getName();
		Set<String> rooms = new LinkedHashSet<>();
		rooms.add(sid);
		state.rooms.stream().filter((room) -> !room.equals(ownRoom)).forEach(rooms::add);
		byte[] data;
		try {
			data = this.adapter.mapper().writeValueAsBytes(SocketData.of(client));
		}
		catch (IOException ex) {
			logger.warn("Session of {} is not kept: its data cannot be encoded ({})", sid, ex.toString());
			return;
		}
		kept.keep(new RecoverySessions.Kept(state.pid, sid, nsp, List.copyOf(rooms), data, System.currentTimeMillis()));
	}

	/**
	 * An Engine.IO session ended: what was kept for its sockets that never connected goes
	 * (netty-socketio tells of the end before the last socket's disconnect listeners run,
	 * see {@link #disconnected}).
	 * @param sessionId the session
	 */
	public void sessionEnded(UUID sessionId) {
		Map<String, SocketState> states = this.sockets.get(sessionId);
		if (states == null) {
			return;
		}
		states.entrySet().removeIf((entry) -> {
			SocketState state = entry.getValue();
			if (state.connected) {
				return false;
			}
			if (state.pending()) {
				this.restoring.decrementAndGet();
			}
			if (state.socketId != null) {
				forgetId(entry.getKey(), state.socketId, sessionId);
			}
			return true;
		});
		this.sockets.computeIfPresent(sessionId, (id, remaining) -> remaining.isEmpty() ? null : remaining);
	}

	/**
	 * Waits, when the server stops, until every socket it closed has left (and left its
	 * session here), so that the sessions are handed over when the adapter closes.
	 * @param patience how long at most
	 * @return whether every socket left in time
	 */
	public boolean awaitSocketsGone(java.time.Duration patience) {
		long deadline = System.nanoTime() + patience.toNanos();
		while (this.sockets.values().stream().anyMatch((states) -> states.values().stream().anyMatch((state) -> state.connected))) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	/**
	 * Number of disconnected sessions this node keeps for their clients' return, its own and
	 * those stopped peers handed over.
	 * @return the count
	 */
	public int keptSessions() {
		RecoverySessions kept = this.sessions;
		int handed = this.handedOver.stream().mapToInt((handover) -> handover.sessions().size()).sum();
		return ((kept != null) ? kept.size() : 0) + handed;
	}

	/** Number of broadcasts logged here. */
	int loggedEvents() {
		synchronized (this.lock) {
			return (this.log != null) ? this.log.size() : 0;
		}
	}

	private SocketState state(UUID sessionId, String nsp) {
		Map<String, SocketState> states = this.sockets.get(sessionId);
		return (states != null) ? states.get(nsp) : null;
	}

	private static String nsp(SocketIOClient client) {
		return LocalSockets.socketIoName(client.getNamespace().getName());
	}

	/** A restored socket id, in its namespace. */
	private record RestoredId(String nsp, String socketId) {
	}

	/** Sessions and log a stopped peer handed over. */
	private record HandedOver(RecoveryLog log, RecoverySessions sessions, Map<String, Long> seen) {
	}

	/** What recovery keeps of a connecting or connected socket. */
	private static final class SocketState {

		final String pid;

		/** The id it took over with a session, or {@code null}. */
		final String socketId;

		volatile Restoration restoration;

		volatile boolean recovered;

		volatile boolean connected;

		volatile boolean disconnectedByServer;

		volatile List<String> rooms;

		final boolean holding;

		SocketState(String pid, String socketId, Restoration restoration, boolean holding) {
			this.pid = pid;
			this.socketId = socketId;
			this.restoration = restoration;
			this.holding = holding;
		}

		/** Whether broadcasts skip the socket: it will get them from the log. */
		boolean pending() {
			return this.holding || this.restoration != null;
		}

	}

}

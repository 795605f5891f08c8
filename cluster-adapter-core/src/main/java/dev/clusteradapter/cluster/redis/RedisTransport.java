package dev.clusteradapter.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clusteradapter.cluster.adapter.AdapterMessage;
import dev.clusteradapter.cluster.adapter.AdapterMessage.BroadcastAck;
import dev.clusteradapter.cluster.adapter.AdapterMessage.BroadcastClientCount;
import dev.clusteradapter.cluster.adapter.AdapterMessage.FetchSocketsResponse;
import dev.clusteradapter.cluster.adapter.AdapterMessage.OperationDone;
import dev.clusteradapter.cluster.adapter.AdapterMessage.ServerSideEmitResponse;
import dev.clusteradapter.cluster.adapter.AdapterTransport;

/**
 * The adapter's messages over Redis pub/sub, on the wire of Socket.IO's
 * {@code @socket.io/redis-adapter} ({@link RedisMode}), so that this node, other Java nodes
 * and Node.js servers with that adapter serve one set of clients.
 * <p>
 * Peers: this adapter's peers announce themselves with heartbeats and are awaited by name;
 * a peer silent for the heartbeat timeout, or that closes, is gone at once for every pending
 * request. While this node asks (a request sent within the heartbeat timeout), it also checks
 * every second that each named peer's own channel still has its subscriber: a peer killed
 * mid-request (its Redis link closed) is gone within about a second, however long the
 * heartbeats' period. Node.js servers send no heartbeat: they are counted from Redis's
 * subscriber count (PUBSUB NUMSUB or SHARDNUMSUB, as Node counts servers), taken every
 * heartbeat interval, and every second while this node asks.
 * <p>
 * Delivery is Redis pub/sub's: at most once. While a connection is down, frames are dropped
 * and counted, never queued; Lettuce reconnects and subscribes again by itself. At most
 * {@link RedisTransportOptions#maxPendingBytes()} wait to be written; past it, frames are
 * dropped and counted. A frame that cannot be read is counted and dropped.
 */
public final class RedisTransport implements AdapterTransport, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RedisTransport.class);

	/** While this node asks, how often its named peers' subscriptions are checked. */
	private static final Duration PEER_CHECK_PERIOD = Duration.ofSeconds(1);

	private final RedisTransportOptions options;

	private final RedisConnections connections;

	private final RedisMetrics metrics;

	private final String uid;

	private final byte[] uidBytes;

	private final RequestIds ids;

	private final NodeWire wire;

	private final PeerDirectory peers = new PeerDirectory();

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private final Set<String> namespaces = ConcurrentHashMap.newKeySet();

	/** Room channels subscribed in sharded mode: Node publishes one-room broadcasts there. */
	private final Set<String> roomChannels = ConcurrentHashMap.newKeySet();

	private final AtomicLong pendingBytes = new AtomicLong();

	private final AtomicBoolean malformedLogged = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "socketio-redis-transport");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean everConnected;

	/** The thread that last read a message: Lettuce's, or the server's loop it runs on. */
	private volatile Thread reader;

	/** When this node last sent a request (nanos): while recent, its peers are checked often. */
	private volatile long lastRequestNanos = System.nanoTime() - Long.MAX_VALUE / 2;

	/** When the last heartbeat round ran (nanos); touched by the timer thread only. */
	private long lastBeatNanos = System.nanoTime();

	/** The subscriber count and named peers of the last count applied, -1 before the first. */
	private volatile long countedServers = -1;

	private volatile int countedNamed = -1;

	/**
	 * Creates a transport; {@link #start()} subscribes and starts the heartbeats.
	 * @param options the settings
	 * @param connections the Redis connections, owned by the transport from now on
	 * @param metrics receives counts
	 */
	public RedisTransport(RedisTransportOptions options, RedisConnections connections, RedisMetrics metrics) {
		this.options = options;
		this.connections = connections;
		this.metrics = metrics;
		this.uid = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
		this.uidBytes = bytes(this.uid);
		this.ids = new RequestIds(options.requestRetention().toNanos());
		this.wire = (options.mode() == RedisMode.SHARDED) ? new ShardedWire(options.prefix(), this.uid, this.ids)
				: new ClassicWire(options.prefix(), this.uid, this.ids);
	}

	/**
	 * This node's uid on Redis.
	 * @return the uid
	 */
	public String uid() {
		return this.uid;
	}

	/**
	 * The settings.
	 * @return the options
	 */
	public RedisTransportOptions options() {
		return this.options;
	}

	/** Subscribes, tells the fleet this node is here and starts the heartbeats. */
	public void start() {
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.connections.subscriber();
		subscriber.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(byte[] channel, byte[] message) {
				receive(channel, message);
			}

			@Override
			public void message(byte[] pattern, byte[] channel, byte[] message) {
				receive(channel, message);
			}

			@Override
			public void smessage(byte[] channel, byte[] message) {
				receive(channel, message);
			}

		});
		subscriber.addListener(new io.lettuce.core.RedisConnectionStateListener() {

			@Override
			public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection,
					java.net.SocketAddress address) {
				if (RedisTransport.this.everConnected) {
					RedisTransport.this.metrics.reconnected();
					RedisTransport.this.timer.execute(RedisTransport.this::resubscribeRooms);
					logger.info("Redis link back: subscriptions restored");
				}
			}

			@Override
			public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
				if (!RedisTransport.this.closed.get()) {
					logger.warn("Redis link lost: messages to and from other nodes are dropped until it is back");
				}
			}

		});
		subscribe(this.wire.nodeChannels(this.options.servesClients()), true);
		List<String> patterns = this.wire.patterns(this.options.servesClients());
		if (!patterns.isEmpty()) {
			await(subscriber.async().psubscribe(bytes(patterns)));
		}
		this.namespaces.add("/");
		// subscribed before this node says hello: the answers to its hello must find it listening
		subscribe(this.wire.channels("/", this.options.servesClients()), true);
		this.everConnected = true;
		if (this.options.servesClients()) {
			send(this.wire.signal(WireMessage.Signal.INITIAL_HEARTBEAT));
		}
		long period = checkPeriod().toNanos();
		this.timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.NANOSECONDS);
		countServers();
		logger.info("Socket.IO adapter on Redis ({} mode, prefix '{}'), uid {}", this.options.mode().name().toLowerCase(),
				this.options.prefix(), this.uid);
	}

	@Override
	public void serveNamespace(String nsp) {
		if (this.namespaces.add(nsp)) {
			// never waits: this runs on netty-socketio's and Lettuce's threads too
			subscribe(this.wire.channels(nsp, this.options.servesClients()), false);
		}
	}

	@Override
	public void localRooms(String nsp, Collection<String> rooms, Predicate<String> present) {
		if (!this.wire.sharded() || !this.options.servesClients()) {
			return;
		}
		ShardedWire sharded = (ShardedWire) this.wire;
		List<String> subscribe = new ArrayList<>();
		List<String> unsubscribe = new ArrayList<>();
		synchronized (this.roomChannels) {
			for (String room : rooms) {
				String channel = sharded.channel(nsp) + room + "#";
				if (present.test(room)) {
					if (this.roomChannels.add(channel)) {
						subscribe.add(channel);
					}
				}
				else if (this.roomChannels.remove(channel)) {
					unsubscribe.add(channel);
				}
			}
			StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.connections.subscriber();
			try {
				if (!subscribe.isEmpty()) {
					subscriber.async().ssubscribe(bytes(subscribe));
				}
				if (!unsubscribe.isEmpty()) {
					subscriber.async().sunsubscribe(bytes(unsubscribe));
				}
			}
			catch (RuntimeException ex) {
				// the link is down: the whole set is subscribed again when it is back
				logger.debug("Room subscriptions not changed now: {}", ex.toString());
			}
		}
	}

	/** After a reconnection: what may have been refused while the link was down. */
	private void resubscribeRooms() {
		synchronized (this.roomChannels) {
			if (!this.roomChannels.isEmpty()) {
				try {
					this.connections.subscriber().async().ssubscribe(bytes(this.roomChannels));
				}
				catch (RuntimeException ex) {
					logger.debug("Room subscriptions not restored now: {}", ex.toString());
				}
			}
		}
	}

	private void subscribe(List<String> channels, boolean wait) {
		if (channels.isEmpty()) {
			return;
		}
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.connections.subscriber();
		RedisFuture<Void> done = this.wire.sharded() ? subscriber.async().ssubscribe(bytes(channels))
				: subscriber.async().subscribe(bytes(channels));
		if (wait) {
			await(done);
		}
	}

	private static void await(RedisFuture<?> future) {
		try {
			future.get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while subscribing to Redis", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not subscribe to Redis: " + ex.getMessage(), ex);
		}
	}

	@Override
	public int nodeId() {
		return 0;
	}

	@Override
	public Set<Integer> peers() {
		return this.peers.peers();
	}

	@Override
	public long newRequestId() {
		return this.ids.next();
	}

	@Override
	public boolean replicatesMemberships() {
		return false;
	}

	@Override
	public void publish(AdapterMessage message) {
		if (awaitsAnswers(message)) {
			this.lastRequestNanos = System.nanoTime();
		}
		WireFrame frame = this.wire.publish(message);
		if (frame != null) {
			send(frame);
		}
	}

	@Override
	public void send(int node, AdapterMessage message) {
		String target = AdapterTransport.isUnnamed(node) ? null : this.peers.uidOf(node);
		if (target == null) {
			publish(message);
			return;
		}
		WireFrame frame = this.wire.send(target, this.peers.isNamed(node), message);
		if (frame != null) {
			send(frame);
		}
	}

	@Override
	public void addListener(Listener listener) {
		this.listeners.add(listener);
	}

	private void send(WireFrame frame) {
		int size = frame.payload().length;
		if (!this.connections.publisher().isOpen() || this.pendingBytes.get() + size > this.options.maxPendingBytes()) {
			this.metrics.dropped(frame.type());
			return;
		}
		this.pendingBytes.addAndGet(size);
		RedisFuture<Long> result = this.wire.sharded()
				? this.connections.commands().spublish(bytes(frame.channel()), frame.payload())
				: this.connections.commands().publish(bytes(frame.channel()), frame.payload());
		result.whenComplete((receivers, failure) -> {
			this.pendingBytes.addAndGet(-size);
			if (failure != null) {
				this.metrics.dropped(frame.type());
			}
		});
		this.metrics.message("out", frame.type(), size);
		if (logger.isTraceEnabled()) {
			logger.trace("{} to {}", frame.type(), frame.channel());
		}
	}

	private void receive(byte[] rawChannel, byte[] payload) {
		Thread current = Thread.currentThread();
		if (this.reader != current) {
			this.reader = current;
		}
		if (WireSupport.sentBy(payload, this.uidBytes)) {
			// our own frame, back from Redis: a quarter of what a node of four hears
			return;
		}
		String channel = new String(rawChannel, StandardCharsets.UTF_8);
		WireMessage read;
		try {
			read = this.wire.read(channel, payload);
		}
		catch (RuntimeException ex) {
			this.metrics.malformed();
			if (this.malformedLogged.compareAndSet(false, true)) {
				logger.warn("Dropped a malformed message on Redis channel {} (counted; further ones log at debug): {}",
						channel, ex.toString());
			}
			else {
				logger.debug("Dropped a malformed message on Redis channel {}", channel, ex);
			}
			return;
		}
		if (read == null) {
			return;
		}
		this.metrics.message("in", read.type(), payload.length);
		if (logger.isTraceEnabled()) {
			logger.trace("{} from {} on {}", read.type(), read.senderUid(), channel);
		}
		if (read.signal() != null) {
			onSignal(read.senderUid(), read.signal());
			return;
		}
		int source = source(read);
		for (Listener listener : this.listeners) {
			listener.onMessage(source, read.message());
		}
	}

	/**
	 * Requests come from a node that can be answered by uid; answers count for a named peer,
	 * else for one known only by count.
	 */
	private int source(WireMessage read) {
		String sender = read.senderUid();
		if (sender == null) {
			return UNNAMED;
		}
		int id = this.peers.idOf(sender);
		if (this.peers.isNamed(id)) {
			this.peers.heard(id, System.nanoTime());
			return id;
		}
		return isAnswer(read.message()) ? UNNAMED : id;
	}

	private static boolean isAnswer(AdapterMessage message) {
		return message instanceof FetchSocketsResponse || message instanceof ServerSideEmitResponse
				|| message instanceof BroadcastClientCount || message instanceof BroadcastAck
				|| message instanceof OperationDone;
	}

	private static boolean awaitsAnswers(AdapterMessage message) {
		if (message instanceof AdapterMessage.Broadcast broadcast) {
			return broadcast.requestId() != null;
		}
		if (message instanceof AdapterMessage.ServerSideEmit emit) {
			return emit.requestId() != null;
		}
		return message instanceof AdapterMessage.FetchSockets || message instanceof AdapterMessage.SocketsJoin
				|| message instanceof AdapterMessage.SocketsLeave || message instanceof AdapterMessage.DisconnectSockets
				|| message instanceof AdapterMessage.RestoreSession || message instanceof AdapterMessage.SessionHandover;
	}

	/** How often the timer runs: the heartbeat interval, at most a second (the peers' check). */
	private Duration checkPeriod() {
		Duration interval = this.options.heartbeatInterval();
		return (interval.compareTo(PEER_CHECK_PERIOD) < 0) ? interval : PEER_CHECK_PERIOD;
	}

	private void onSignal(String sender, WireMessage.Signal signal) {
		int id = this.peers.idOf(sender);
		if (signal == WireMessage.Signal.CLOSE) {
			if (this.peers.left(id)) {
				peerLeft(id);
			}
			return;
		}
		if (this.peers.heard(id, System.nanoTime())) {
			// counted until now: the next count moves it from the unnamed ones
			this.listeners.forEach((listener) -> listener.onPeerJoined(id));
			this.timer.execute(this::countServers);
		}
		if (signal == WireMessage.Signal.INITIAL_HEARTBEAT && this.options.servesClients()) {
			send(this.wire.signal(WireMessage.Signal.HEARTBEAT));
		}
	}

	private void peerLeft(int id) {
		this.listeners.forEach((listener) -> listener.onPeerLeft(id));
	}

	private void tick() {
		try {
			long now = System.nanoTime();
			// half a period early: a fixed delay drifts late, never early
			boolean beat = now - this.lastBeatNanos >= this.options.heartbeatInterval().toNanos()
					- checkPeriod().toNanos() / 2;
			if (beat) {
				this.lastBeatNanos = now;
				if (this.options.servesClients()) {
					send(this.wire.signal(WireMessage.Signal.HEARTBEAT));
				}
			}
			for (int id : this.peers.expire(now, this.options.heartbeatTimeout().toNanos())) {
				logger.info("Redis peer {} silent for {}: gone", this.peers.uidOf(id), this.options.heartbeatTimeout());
				peerLeft(id);
			}
			// at rest a round costs Redis nothing between heartbeats; while this node asks, its
			// peers are checked every period, so that a dead one does not hold a request up
			boolean asking = now - this.lastRequestNanos < this.options.heartbeatTimeout().toNanos();
			if (beat || asking) {
				countServers();
			}
			if (asking) {
				checkPeers();
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Heartbeat round failed", ex);
		}
	}

	/**
	 * Named peers whose own channel has lost its subscriber are gone: killed, or cut off
	 * from Redis (a peer that comes back is named again by its next heartbeat).
	 */
	private void checkPeers() {
		if (this.closed.get() || !this.connections.publisher().isOpen()) {
			return;
		}
		for (int id : this.peers.namedIds()) {
			String uid = this.peers.uidOf(id);
			byte[] channel = bytes(this.wire.peerChannel(uid));
			// one command per peer: sharded channels of different slots may not share one
			RedisFuture<Map<byte[], Long>> count = this.wire.sharded() ? this.connections.commands().pubsubShardNumsub(channel)
					: this.connections.commands().pubsubNumsub(channel);
			count.whenComplete((counts, failure) -> {
				if (failure != null || counts == null || this.closed.get()) {
					return;
				}
				long subscribers = counts.values().stream().mapToLong(Long::longValue).sum();
				if (subscribers == 0 && this.peers.left(id)) {
					logger.info("Redis peer {} no longer subscribed: gone", uid);
					peerLeft(id);
				}
			});
		}
	}

	private void countServers() {
		if (this.closed.get() || !this.connections.publisher().isOpen()) {
			return;
		}
		byte[] channel = bytes(this.wire.serverCountChannel());
		RedisFuture<Map<byte[], Long>> count = this.wire.sharded() ? this.connections.commands().pubsubShardNumsub(channel)
				: this.connections.commands().pubsubNumsub(channel);
		count.whenComplete((counts, failure) -> {
			if (failure != null || counts == null) {
				return;
			}
			long servers = counts.values().stream().mapToLong(Long::longValue).sum();
			if (servers == this.countedServers && this.peers.namedCount() == this.countedNamed) {
				// the same count as last time (nearly always): nothing to apply, no thread to wake
				return;
			}
			this.timer.execute(() -> unnamed((int) servers));
		});
	}

	/** Sets the peers known only by count from the number of serving nodes. */
	private void unnamed(int servers) {
		int named = this.peers.namedCount();
		int count = servers - (this.options.servesClients() ? 1 : 0) - named;
		int previous = this.peers.unnamed(count);
		int now = this.peers.unnamedCount();
		for (int i = previous + 1; i <= now; i++) {
			int id = -i;
			this.listeners.forEach((listener) -> listener.onPeerJoined(id));
		}
		for (int i = previous; i > now; i--) {
			peerLeft(-i);
		}
		this.countedNamed = named;
		this.countedServers = servers;
	}

	/**
	 * Whether both connections to Redis are up.
	 * @return whether the link is up
	 */
	public boolean isConnected() {
		return this.connections.publisher().isOpen() && this.connections.subscriber().isOpen();
	}

	/**
	 * Peers that announced themselves (this adapter's).
	 * @return their number
	 */
	public int namedPeers() {
		return this.peers.namedCount();
	}

	/**
	 * Serving nodes known only by count (Node.js servers, or peers not heard yet).
	 * @return their number
	 */
	public int unnamedPeers() {
		return this.peers.unnamedCount();
	}

	@Override
	public boolean readsOnCurrentThread() {
		return Thread.currentThread() == this.reader;
	}

	/**
	 * Bytes waiting to be written to Redis.
	 * @return the bytes
	 */
	public long pendingBytes() {
		return this.pendingBytes.get();
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		try {
			if (this.options.servesClients() && this.connections.publisher().isOpen()) {
				WireFrame frame = this.wire.signal(WireMessage.Signal.CLOSE);
				RedisFuture<Long> sent = this.wire.sharded()
						? this.connections.commands().spublish(bytes(frame.channel()), frame.payload())
						: this.connections.commands().publish(bytes(frame.channel()), frame.payload());
				sent.get(1, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			logger.debug("Could not say goodbye on Redis", ex);
		}
		finally {
			this.timer.shutdownNow();
			this.connections.close();
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[][] bytes(Collection<String> texts) {
		return texts.stream().map(RedisTransport::bytes).toArray(byte[][]::new);
	}

}

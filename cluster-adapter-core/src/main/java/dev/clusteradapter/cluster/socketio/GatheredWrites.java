package dev.clusteradapter.cluster.socketio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.TransportState;
import com.corundumstudio.socketio.messages.OutPacketMessage;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.EventLoop;
import io.netty.channel.VoidChannelPromise;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.SingleThreadEventExecutor;

/**
 * The writes of one broadcast, gathered per event loop: each recipient's packet is queued at
 * once, exactly as netty-socketio's {@code send} queues it, and its WebSocket connection is
 * written by one task per event loop when the broadcast is {@link #flush() flushed}, where
 * {@code send} made a task, a promise and a flush of its own for every recipient. The
 * connections are flushed once the broadcast's writes are done when nothing else waits on
 * their event loop; when more tasks wait (under load: other broadcasts), once after them, so
 * that a connection is flushed once however many of them reached it.
 * <p>
 * Order holds: a packet takes its place in the session's queue when it is sent, and every
 * write of the session drains that queue in order, whichever comes first. A client on
 * polling, between transports, or seen through another worker is sent to as before.
 * <p>
 * Not thread-safe: one broadcast, one thread.
 */
public final class GatheredWrites {

	static final String DISCONNECTED_FIELD = "disconnected";

	/**
	 * {@code NamespaceClient}'s private flag, which its own {@code send} checks: one read where
	 * asking the session for its client in the namespace hashes the namespace into a map, per
	 * recipient ({@code null}: asked that way).
	 */
	private static final VarHandle DISCONNECTED = disconnectedField();

	/** Per event loop thread: the connections written to and not flushed yet. */
	private static final FastThreadLocal<List<ChannelOutboundInvoker>> UNFLUSHED = new FastThreadLocal<>() {
		@Override
		protected List<ChannelOutboundInvoker> initialValue() {
			return new ArrayList<>();
		}
	};

	private final Map<EventLoop, List<Write>> byLoop = new IdentityHashMap<>(4);

	private final boolean ownEncoder;

	private EventLoop lastLoop;

	private List<Write> lastWrites;

	/**
	 * Gathers the writes of one broadcast.
	 * @param ownEncoder whether the server's pipeline has the starter's Engine.IO v4 encoder,
	 * which serves a lighter write request than netty-socketio's
	 */
	public GatheredWrites(boolean ownEncoder) {
		this.ownEncoder = ownEncoder;
	}

	/**
	 * Queues a packet for a client; its WebSocket connection is written by {@link #flush()}.
	 * @param client the recipient
	 * @param packet the packet, of the client's namespace
	 */
	public void send(SocketIOClient client, Packet packet) {
		if (!(client instanceof NamespaceClient namespaceClient)) {
			client.send(packet);
			return;
		}
		ClientHead head = namespaceClient.getBaseClient();
		// connected as NamespaceClient.send asks it (its own check is private): the session
		// is, and this client has not left its namespace
		boolean connected = head.isConnected() && isConnected(namespaceClient, head);
		TransportState webSocket = (connected && head.getCurrentTransport() == Transport.WEBSOCKET)
				? SessionTransports.of(head, Transport.WEBSOCKET) : null;
		if (webSocket == null) {
			client.send(packet);
			return;
		}
		webSocket.getPacketsQueue().add(packet.withNsp(namespaceClient.getNamespace().getName(), head.getEngineIOVersion()));
		Channel channel = webSocket.getChannel();
		if (channel != null) {
			EventLoop loop = channel.eventLoop();
			if (loop != this.lastLoop) {
				// a worker has one or two event loops: most recipients share the last one's list
				this.lastLoop = loop;
				this.lastWrites = this.byLoop.computeIfAbsent(loop, (key) -> new ArrayList<>());
			}
			this.lastWrites.add(new Write(channel, head, webSocket));
		}
	}

	/** Writes every WebSocket connection sent to, one task per event loop, and has them flushed. */
	public void flush() {
		for (Map.Entry<EventLoop, List<Write>> entry : this.byLoop.entrySet()) {
			List<Write> writes = entry.getValue();
			if (entry.getKey().inEventLoop()) {
				write(writes);
			}
			else {
				entry.getKey().execute(() -> write(writes));
			}
		}
		this.byLoop.clear();
		this.lastLoop = null;
		this.lastWrites = null;
	}

	private void write(List<Write> writes) {
		List<ChannelOutboundInvoker> unflushed = UNFLUSHED.get();
		// a flush is scheduled while connections wait for one
		boolean flushScheduled = !unflushed.isEmpty();
		for (Write write : writes) {
			Channel channel = write.channel();
			ClientHead head = write.head();
			// nobody waits for a broadcast's write: a failed one (the connection closed) is
			// the connection's end, which its own close handling serves
			if (this.ownEncoder && EngineIOVersion.V4.equals(head.getEngineIOVersion())) {
				OutboundPackets.WebSocketRequest request = OutboundPackets.webSocketRequest(head, write.webSocket());
				channel.write(request, new VoidChannelPromise(channel, false));
				// the encoder wrote the frames near the socket: flushed from there, they skip
				// the pipeline's HTTP handlers too
				unflushed.add(request.flushAt(channel));
			}
			else {
				channel.write(new OutPacketMessage(head, Transport.WEBSOCKET), new VoidChannelPromise(channel, false));
				unflushed.add(channel);
			}
		}
		if (flushScheduled) {
			return;
		}
		EventLoop loop = writes.get(0).channel().eventLoop();
		if (loop instanceof SingleThreadEventExecutor executor && executor.pendingTasks() > 0) {
			// after the tasks already queued on this loop, other broadcasts among them: one
			// flush for all of them
			loop.execute(GatheredWrites::flushUnflushed);
		}
		else {
			// nothing else waits: the frames go now, not after the loop's next look at its sockets
			flushUnflushed();
		}
	}

	/**
	 * Flushes, once, every connection the broadcasts queued together on this event loop wrote
	 * to: one system call per connection however many of them reached it. A connection
	 * listed twice costs its second flush a pass through its pipeline, which finds nothing.
	 */
	private static void flushUnflushed() {
		List<ChannelOutboundInvoker> unflushed = UNFLUSHED.get();
		try {
			for (ChannelOutboundInvoker connection : unflushed) {
				connection.flush();
			}
		}
		finally {
			unflushed.clear();
		}
	}

	private static boolean isConnected(NamespaceClient client, ClientHead head) {
		if (DISCONNECTED != null) {
			return !((AtomicBoolean) DISCONNECTED.get(client)).get();
		}
		return head.getChildClient(client.getNamespace()) == client;
	}

	private static VarHandle disconnectedField() {
		try {
			return MethodHandles.privateLookupIn(NamespaceClient.class, MethodHandles.lookup())
				.findVarHandle(NamespaceClient.class, DISCONNECTED_FIELD, AtomicBoolean.class);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private record Write(Channel channel, ClientHead head, TransportState webSocket) {
	}

}

package dev.clusteradapter.cluster.server;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * Writes one {@link EncodedEventPacket} to many clients: to each client served over a
 * WebSocket straight as frames, with one task per event loop for all of that loop's
 * clients, instead of netty-socketio's packet queue, message and task per client. Clients on
 * polling, in the middle of an upgrade, or with packets still queued take netty-socketio's
 * path, which keeps their order.
 * <p>
 * Order per client is kept: a packet sent before through netty-socketio either is still
 * queued (then this one queues behind it) or its write task is already ahead of ours on the
 * same event loop; called on that event loop, the frames are written at once, as
 * netty-socketio writes there.
 */
public final class EncodedEventWriter {

	private final Map<ClientHead, Channel> webSockets = new ConcurrentHashMap<>();

	/**
	 * Sends the packet to every client.
	 * @param packet the encoded event
	 * @param clients its recipients, Engine.IO v4 clients of the packet's namespace
	 */
	public void write(EncodedEventPacket packet, List<SocketIOClient> clients) {
		Map<EventLoop, List<Channel>> byLoop = null;
		for (SocketIOClient client : clients) {
			Channel channel = directChannel(client);
			if (channel == null) {
				client.send(packet);
				continue;
			}
			if (byLoop == null) {
				byLoop = new IdentityHashMap<>();
			}
			byLoop.computeIfAbsent(channel.eventLoop(), (loop) -> new ArrayList<>()).add(channel);
		}
		if (byLoop == null) {
			return;
		}
		byLoop.forEach((loop, channels) -> {
			if (loop.inEventLoop()) {
				writeFrames(packet, channels);
			}
			else {
				loop.execute(() -> writeFrames(packet, channels));
			}
		});
	}

	private Channel directChannel(SocketIOClient client) {
		if (!(client instanceof NamespaceClient namespaceClient)) {
			return null;
		}
		ClientHead head = namespaceClient.getBaseClient();
		if (head.getCurrentTransport() != Transport.WEBSOCKET || !head.getPacketsQueue(Transport.WEBSOCKET).isEmpty()) {
			return null;
		}
		Channel channel = this.webSockets.get(head);
		return (channel != null && channel.isActive()) ? channel : null;
	}

	private static void writeFrames(EncodedEventPacket packet, List<Channel> channels) {
		for (Channel channel : channels) {
			if (!channel.isActive()) {
				continue;
			}
			channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(packet.text())), channel.voidPromise());
			for (byte[] attachment : packet.attachments()) {
				channel.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(attachment)), channel.voidPromise());
			}
			channel.flush();
		}
	}

	/** Called by the encoder when it first writes to a client's WebSocket. */
	void webSocketOpened(ClientHead client, Channel channel) {
		this.webSockets.put(client, channel);
		channel.closeFuture().addListener((closed) -> this.webSockets.remove(client, channel));
	}

	/** Number of clients currently reachable straight through their WebSocket. */
	int webSocketCount() {
		return this.webSockets.size();
	}

}

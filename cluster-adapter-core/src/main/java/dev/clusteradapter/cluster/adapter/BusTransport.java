package dev.clusteradapter.cluster.adapter;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * The adapter over a {@link ClusterBus}: messages in {@link AdapterMessageCodec}'s encoding,
 * the message type in the bus frame's header. Request ids count up: answers go to their
 * requester only.
 */
final class BusTransport implements AdapterTransport {

	private static final Logger logger = LoggerFactory.getLogger(BusTransport.class);

	private final ClusterBus bus;

	private final AdapterMessageCodec codec = new AdapterMessageCodec();

	private final AtomicLong ids = new AtomicLong();

	BusTransport(ClusterBus bus) {
		this.bus = bus;
	}

	@Override
	public int nodeId() {
		return this.bus.nodeId();
	}

	@Override
	public Set<Integer> peers() {
		return this.bus.peers();
	}

	@Override
	public long newRequestId() {
		return this.ids.incrementAndGet();
	}

	@Override
	public boolean readsOnCurrentThread() {
		return this.bus.readsOnCurrentThread();
	}

	@Override
	public boolean replicatesMemberships() {
		return true;
	}

	@Override
	public void publish(AdapterMessage message) {
		this.bus.publish(this.codec.typeOf(message).busType(), this.codec.encode(message));
	}

	@Override
	public void send(int node, AdapterMessage message) {
		this.bus.send(node, this.codec.typeOf(message).busType(), this.codec.encode(message));
	}

	@Override
	public void addListener(Listener listener) {
		this.bus.addListener(new ClusterBus.Listener() {

			@Override
			public void onMessage(int sourceNode, int type, byte[] payload) {
				MessageType messageType = MessageType.fromBusType(type);
				if (messageType == null) {
					return;
				}
				AdapterMessage message;
				try {
					message = BusTransport.this.codec.decode(messageType, payload);
				}
				catch (RuntimeException ex) {
					logger.warn("Dropped {} from node {}", messageType, sourceNode, ex);
					return;
				}
				if (message != null) {
					listener.onMessage(sourceNode, message);
				}
			}

			@Override
			public void onPeerJoined(int node) {
				listener.onPeerJoined(node);
			}

			@Override
			public void onPeerLeft(int node) {
				listener.onPeerLeft(node);
			}

		});
	}

}

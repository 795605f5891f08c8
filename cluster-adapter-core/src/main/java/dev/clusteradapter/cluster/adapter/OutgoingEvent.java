package dev.clusteradapter.cluster.adapter;

import java.util.List;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;

import dev.clusteradapter.cluster.socketio.EncodedEventPacket;

/**
 * One broadcast event as its local recipients need it: for Engine.IO v4 clients one packet
 * whose bytes are written once and shared by all of them; for older clients, and for
 * arguments with binary nested below their top level, a packet per client that
 * netty-socketio's encoders serialise themselves.
 */
final class OutgoingEvent {

	private final String nsp;

	private final String event;

	private final EncodedArgs args;

	private final ArgumentCodec codec;

	private EncodedEventPacket shared;

	private boolean sharedTried;

	private List<Object> values;

	OutgoingEvent(String nsp, String event, EncodedArgs args, ArgumentCodec codec) {
		this.nsp = nsp;
		this.event = event;
		this.args = args;
		this.codec = codec;
	}

	/**
	 * The packet for one recipient; called from one thread for all the recipients.
	 * @param client the recipient
	 * @param encodedEventsWritten whether the server's pipeline writes encoded events
	 */
	Packet packetFor(SocketIOClient client, boolean encodedEventsWritten) {
		if (encodedEventsWritten && EngineIOVersion.V4.equals(client.getEngineIOVersion())) {
			EncodedEventPacket packet = sharedPacket();
			if (packet != null) {
				return packet;
			}
		}
		if (this.values == null) {
			this.values = this.codec.forClients(this.args);
		}
		// a packet per client: one received from another node has no version, and
		// netty-socketio's encoder mutates the packets it writes
		return LocalSockets.eventPacket(client, this.event, this.values);
	}

	private EncodedEventPacket sharedPacket() {
		if (!this.sharedTried) {
			this.sharedTried = true;
			this.shared = encode();
		}
		return this.shared;
	}

	private EncodedEventPacket encode() {
		boolean[] binary = new boolean[this.args.size()];
		for (int i = 0; i < binary.length; i++) {
			byte kind = this.args.kinds()[i];
			if (kind == EncodedArgs.CBOR) {
				return null;
			}
			binary[i] = kind == EncodedArgs.BINARY;
		}
		return EncodedEventPacket.of(LocalSockets.nettyName(this.nsp), this.event, this.args.values(), binary);
	}

}

package dev.clusteradapter.cluster.adapter;

import java.util.List;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;

import dev.clusteradapter.cluster.server.EncodedEventPacket;

/**
 * One broadcast event as its local recipients need it: for Engine.IO v4 clients one packet
 * whose bytes are written once and shared by all of them; for older clients, and for
 * arguments with binary nested below their top level, a packet per client that
 * netty-socketio's encoders serialise themselves. Used by one thread.
 */
final class OutgoingEvent {

	private final String nsp;

	private final String event;

	private final EncodedArgs args;

	private final ArgumentCodec codec;

	private EncodedEventPacket encoded;

	private boolean encodingTried;

	private List<Object> values;

	OutgoingEvent(String nsp, String event, EncodedArgs args, ArgumentCodec codec) {
		this.nsp = nsp;
		this.event = event;
		this.args = args;
		this.codec = codec;
	}

	/**
	 * The event encoded once for every Engine.IO v4 recipient.
	 * @return the packet, or {@code null} when an argument nests binary below its top level
	 */
	EncodedEventPacket encoded() {
		if (!this.encodingTried) {
			this.encodingTried = true;
			this.encoded = encode();
		}
		return this.encoded;
	}

	/**
	 * A packet of the event for one recipient, for netty-socketio's encoders: a packet per
	 * client, because one received from another node has no version, and netty-socketio's
	 * encoder mutates the packets it writes.
	 * @param client the recipient
	 * @return the packet
	 */
	Packet packetFor(SocketIOClient client) {
		if (this.values == null) {
			this.values = this.codec.forClients(this.args);
		}
		Packet packet = new Packet(PacketType.MESSAGE, client.getEngineIOVersion());
		packet.setSubType(PacketType.EVENT);
		packet.setName(this.event);
		packet.setData(this.values);
		return packet;
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

package dev.clusteradapter.cluster.socketio;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * An event for Engine.IO v4 clients whose bytes were written once, for every recipient of a
 * broadcast: the encoder sends them as they are, so a broadcast to a thousand clients costs
 * one JSON encoding, not a thousand. Built from arguments that are already JSON text (as the
 * cluster adapter carries them), so nothing is parsed either.
 * <pre>
 * text: '4' (Engine.IO MESSAGE) + Socket.IO packet, e.g.
 *   4 2 /chat, ["event",{"a":1},"x"]                    (EVENT, namespace "/chat")
 *   4 5 1- ["event",{"_placeholder":true,"num":0}]      (BINARY_EVENT, one attachment)
 * attachments: the byte[] arguments in order (WebSocket: binary frames; polling: "b" + base64)
 * </pre>
 * Never carries an ack id: an event that asks for an acknowledgement differs per client.
 */
public final class EncodedEventPacket extends Packet {

	private static final byte[] PLACEHOLDER_START = "{\"_placeholder\":true,\"num\":".getBytes(StandardCharsets.US_ASCII);

	private final byte[] text;

	private final List<byte[]> attachments;

	private volatile List<byte[]> base64Attachments;

	/** The packet whose bytes a volatile one shares, or {@code null}. */
	private final EncodedEventPacket origin;

	private EncodedEventPacket(String nettyNamespace, String event, byte[] text, List<byte[]> attachments,
			EncodedEventPacket origin) {
		super(PacketType.MESSAGE, EngineIOVersion.V4);
		setSubType(PacketType.EVENT);
		setNsp(nettyNamespace);
		setName(event);
		this.text = text;
		this.attachments = attachments;
		this.origin = origin;
	}

	/**
	 * Encodes an event whose arguments are JSON text or binary.
	 * @param nettyNamespace the namespace as netty-socketio names it ({@code ""} for "/")
	 * @param event the event name
	 * @param arguments each argument's UTF-8 JSON text, or its bytes when binary
	 * @param binary which arguments are binary
	 * @return the packet
	 */
	public static EncodedEventPacket of(String nettyNamespace, String event, List<byte[]> arguments, boolean[] binary) {
		int attachmentCount = 0;
		int size = 16 + nettyNamespace.length() + event.length() * 2;
		for (int i = 0; i < arguments.size(); i++) {
			if (binary[i]) {
				attachmentCount++;
				size += 32;
			}
			else {
				size += arguments.get(i).length + 1;
			}
		}
		ByteBuf out = Unpooled.buffer(size);
		List<byte[]> attachments = new ArrayList<>(attachmentCount);
		out.writeByte('4');
		if (attachmentCount == 0) {
			out.writeByte('0' + PacketType.EVENT.getValue());
		}
		else {
			out.writeByte('0' + PacketType.BINARY_EVENT.getValue());
			out.writeCharSequence(Integer.toString(attachmentCount), StandardCharsets.US_ASCII);
			out.writeByte('-');
		}
		if (!nettyNamespace.isEmpty()) {
			out.writeCharSequence(nettyNamespace, StandardCharsets.UTF_8);
			out.writeByte(',');
		}
		out.writeByte('[').writeByte('"');
		out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(event));
		out.writeByte('"');
		for (int i = 0; i < arguments.size(); i++) {
			out.writeByte(',');
			if (binary[i]) {
				out.writeBytes(PLACEHOLDER_START);
				out.writeCharSequence(Integer.toString(attachments.size()), StandardCharsets.US_ASCII);
				out.writeByte('}');
				attachments.add(arguments.get(i));
			}
			else {
				out.writeBytes(arguments.get(i));
			}
		}
		out.writeByte(']');
		return new EncodedEventPacket(nettyNamespace, event, ByteBufUtil.getBytes(out), List.copyOf(attachments), null);
	}

	/**
	 * The same event, volatile (socket.io's {@code volatile} flag): the encoder drops it for
	 * a client whose connection takes no write when it comes to be written. Shares this
	 * packet's bytes.
	 * @return the volatile packet
	 */
	public EncodedEventPacket asVolatile() {
		return (this.origin != null) ? this
				: new EncodedEventPacket(getNsp(), getName(), this.text, this.attachments, this);
	}

	/**
	 * Whether the event is volatile, see {@link #asVolatile()}.
	 * @return {@code true} for a volatile packet
	 */
	public boolean isVolatile() {
		return this.origin != null;
	}

	/**
	 * The Engine.IO text packet. Shared by every recipient: never modify it.
	 * @return the UTF-8 bytes
	 */
	public byte[] text() {
		return this.text;
	}

	/**
	 * The binary attachments that follow the text, in order. Shared: never modify them.
	 * @return the attachments
	 */
	public List<byte[]> attachments() {
		return this.attachments;
	}

	/**
	 * The attachments as polling carries them: {@code 'b'} and standard base64, made once
	 * (for a volatile packet, by the packet whose bytes it shares). Shared: never modify them.
	 * @return the attachments, framed for a polling body
	 */
	public List<byte[]> pollingAttachments() {
		if (this.origin != null) {
			return this.origin.pollingAttachments();
		}
		List<byte[]> encoded = this.base64Attachments;
		if (encoded == null) {
			List<byte[]> result = new ArrayList<>(this.attachments.size());
			Base64.Encoder base64 = Base64.getEncoder();
			for (byte[] attachment : this.attachments) {
				byte[] text = base64.encode(attachment);
				byte[] framed = new byte[text.length + 1];
				framed[0] = 'b';
				System.arraycopy(text, 0, framed, 1, text.length);
				result.add(framed);
			}
			encoded = List.copyOf(result);
			this.base64Attachments = encoded;
		}
		return encoded;
	}

	@Override
	public void setAckId(Long ackId) {
		if (ackId != null) {
			throw new IllegalStateException("An encoded event is shared by its recipients and cannot carry an ack id");
		}
	}

}

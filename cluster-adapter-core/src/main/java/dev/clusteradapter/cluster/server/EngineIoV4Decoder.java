package dev.clusteradapter.cluster.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.protocol.PacketType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clusteradapter.cluster.socketio.EngineIoSession;
import dev.clusteradapter.cluster.socketio.InboundPackets;

/**
 * Reads what an Engine.IO v4 client sends, ahead of netty-socketio's
 * {@code InPacketHandler}: splits a polling body into its packets, and joins a binary
 * Socket.IO packet with the attachments that follow it, so that netty-socketio's decoder
 * only ever sees single, complete, text packets.
 * <pre>
 * Polling body: packets separated by 0x1E; an attachment is "b" + base64 (line breaks
 * allowed: the Java client wraps at 76 characters)
 *   +-----------------------------------------------+------+------------+
 *   | "451-[\"echo\",{\"_placeholder\":true,\"num\":0}]" | 0x1E | "bAAECAw==" |
 *   +-----------------------------------------------+------+------------+
 * WebSocket: the same packets, one per message; an attachment is a binary message, as is
 * (told apart by the {@link BinaryFrameMarker}).
 *
 * Forwarded:  "42[\"echo\",{\"_placeholder\":true,\"num\":0}]"  + attachment 0
 * </pre>
 * netty-socketio 2.0.14 base64-encodes a polling attachment a second time, takes the
 * packets after it for more attachment bytes, and mistakes a WebSocket attachment whose
 * first byte is 0 for a length-prefixed Engine.IO v3 payload.
 * <p>
 * With a {@link ClusterJsonSupport} the attachments reach the listeners as {@code byte[]};
 * with another JSON support, as netty-socketio does, as base64 text in place of each
 * placeholder.
 */
@Sharable
final class EngineIoV4Decoder extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(EngineIoV4Decoder.class);

	private static final byte RECORD_SEPARATOR = 0x1E;

	private static final ObjectMapper plainMapper = new ObjectMapper();

	private static final String PROBE = "2probe";

	private final ClusterJsonSupport jsonSupport;

	private final long upgradeTimeoutMillis;

	/**
	 * Creates the decoder.
	 * @param jsonSupport the server's JSON support when it reads attachments as binary, else
	 * {@code null}
	 * @param upgradeTimeoutMillis how long a client may take to upgrade to WebSocket
	 */
	EngineIoV4Decoder(ClusterJsonSupport jsonSupport, long upgradeTimeoutMillis) {
		this.jsonSupport = jsonSupport;
		this.upgradeTimeoutMillis = upgradeTimeoutMillis;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		InboundPackets message = InboundPackets.of(msg);
		EngineIoSession session = (message != null) ? message.session() : null;
		if (session == null || !session.isV4()) {
			ctx.fireChannelRead(msg);
			return;
		}
		ByteBuf content = message.content();
		if (message.transport() == Transport.POLLING) {
			while (content.isReadable()) {
				int length = content.bytesBefore(RECORD_SEPARATOR);
				ByteBuf part = content.readSlice((length < 0) ? content.readableBytes() : length);
				if (length >= 0) {
					content.skipBytes(1);
				}
				if (part.isReadable() && part.getByte(part.readerIndex()) == 'b') {
					onAttachment(ctx, message, session, Base64.getMimeDecoder().decode(
							part.toString(part.readerIndex() + 1, part.readableBytes() - 1, StandardCharsets.US_ASCII)));
				}
				else {
					onPacket(ctx, message, session, part);
				}
			}
		}
		else if (BinaryFrameMarker.isBinary(ctx.channel())) {
			onAttachment(ctx, message, session, ByteBufUtil.getBytes(content));
		}
		else {
			if (session.currentTransport() == Transport.POLLING && isProbe(content)) {
				UpgradePollingCycle.start(ctx.channel(), session, this.upgradeTimeoutMillis);
			}
			onPacket(ctx, message, session, content);
		}
	}

	private static boolean isProbe(ByteBuf packet) {
		return packet.readableBytes() == PROBE.length()
				&& PROBE.equals(packet.toString(packet.readerIndex(), PROBE.length(), StandardCharsets.US_ASCII));
	}

	private void onPacket(ChannelHandlerContext ctx, InboundPackets message, EngineIoSession session, ByteBuf packet)
			throws IOException {
		if (isMessage(packet)) {
			// pings, pongs and the upgrade may come between a binary packet and its attachments
			synchronized (session.lock()) {
				if (session.lastBinaryPacket() instanceof PendingBinaryPacket) {
					logger.debug("Dropping a binary packet of {} that lacks attachments", session.sessionId());
					session.lastBinaryPacket(null);
				}
			}
		}
		int attachments = attachmentCount(packet);
		if (attachments < 0) {
			ctx.fireChannelRead(message.withContent(packet));
			return;
		}
		PendingBinaryPacket pending = new PendingBinaryPacket(asTextPacket(packet), attachments);
		if (pending.isComplete()) {
			complete(ctx, message, pending);
			return;
		}
		// the attachments may come over the other transport, during an upgrade
		synchronized (session.lock()) {
			session.lastBinaryPacket(pending);
		}
	}

	private void onAttachment(ChannelHandlerContext ctx, InboundPackets message, EngineIoSession session,
			byte[] attachment) throws IOException {
		PendingBinaryPacket complete;
		synchronized (session.lock()) {
			if (!(session.lastBinaryPacket() instanceof PendingBinaryPacket pending)) {
				logger.debug("Dropping an attachment of {} that follows no binary packet", session.sessionId());
				return;
			}
			if (!pending.add(attachment)) {
				return;
			}
			session.lastBinaryPacket(null);
			complete = pending;
		}
		complete(ctx, message, complete);
	}

	private void complete(ChannelHandlerContext ctx, InboundPackets message, PendingBinaryPacket packet)
			throws IOException {
		if (this.jsonSupport != null) {
			Object complete = message.withContent(packet.text());
			this.jsonSupport.readingAttachments(packet.attachments(), () -> ctx.fireChannelRead(complete));
		}
		else {
			ctx.fireChannelRead(message.withContent(inlineBase64(packet.text(), packet.attachments())));
		}
	}

	private static boolean isMessage(ByteBuf packet) {
		return packet.isReadable() && packet.getByte(packet.readerIndex()) == '4';
	}

	/**
	 * Number of attachments announced by a binary event or ack.
	 * @return the count, or -1 for any other packet
	 */
	private static int attachmentCount(ByteBuf packet) {
		int start = packet.readerIndex();
		if (packet.readableBytes() < 3 || packet.getByte(start) != '4'
				|| (packet.getByte(start + 1) != '5' && packet.getByte(start + 1) != '6')) {
			return -1;
		}
		int count = 0;
		for (int i = start + 2; i < packet.writerIndex() && i < start + 12; i++) {
			byte b = packet.getByte(i);
			if (b == '-') {
				return (i > start + 2) ? count : -1;
			}
			if (b < '0' || b > '9') {
				return -1;
			}
			count = count * 10 + (b - '0');
		}
		return -1;
	}

	/** "45" count "-" rest becomes "42" rest (and "46" becomes "43"): a copy that outlives the read. */
	private static ByteBuf asTextPacket(ByteBuf packet) {
		int start = packet.readerIndex();
		PacketType type = (packet.getByte(start + 1) == '5') ? PacketType.EVENT : PacketType.ACK;
		int dash = packet.indexOf(start + 2, packet.writerIndex(), (byte) '-');
		ByteBuf rest = packet.slice(dash + 1, packet.writerIndex() - dash - 1);
		ByteBuf text = Unpooled.buffer(2 + rest.readableBytes());
		text.writeByte('4').writeByte('0' + type.getValue()).writeBytes(rest);
		return text;
	}

	/** Replaces each placeholder by the base64 text of its attachment, as netty-socketio does. */
	private static ByteBuf inlineBase64(ByteBuf text, List<byte[]> attachments) throws IOException {
		int json = text.indexOf(text.readerIndex(), text.writerIndex(), (byte) '[');
		if (json < 0) {
			return text;
		}
		JsonNode tree = plainMapper.readTree(new ByteBufInputStream(text.slice(json, text.writerIndex() - json)));
		JsonNode resolved = BinaryPlaceholders.resolve(tree, attachments,
				(bytes) -> TextNode.valueOf(Base64.getEncoder().encodeToString(bytes)));
		return Unpooled.wrappedBuffer(text.slice(text.readerIndex(), json - text.readerIndex()),
				Unpooled.wrappedBuffer(plainMapper.writeValueAsBytes(resolved)));
	}

}

package dev.clusteradapter.cluster.adapter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import dev.clusteradapter.cluster.adapter.AdapterMessage.Broadcast;

/**
 * Hand-made binary layout of {@link MessageType#BROADCAST}, the message sent for every emit:
 * measured several times faster than the CBOR map the other messages use. Big-endian;
 * {@code str} is an unsigned 16-bit UTF-8 length and the bytes.
 *
 * <pre>
 * +-------+-----+-------------------+-------------------+-------+------------------------+
 * | flags | nsp | rooms: u16 count, | except: u16 count,| event | if flags &amp; OFFSET:   |
 * |  u8   | str |        count*str  |         count*str |  str  | offset str             |
 * +-------+-----+-------------------+-------------------+-------+------------------------+
 * +-------------------------------------+-----------+----------------------------------+
 * | if flags &amp; ACK: requestId i64,      | args: u16 | per argument: kind u8, length    |
 * |                  ackTimeoutMillis i64| count     | i32, bytes (JSON, binary, CBOR)  |
 * +-------------------------------------+-----------+----------------------------------+
 *   flags: 0x01 volatile, 0x02 ack requested, 0x04 recoverable (the offset is also the last argument)
 * </pre>
 */
final class BroadcastCodec {

	private static final int VOLATILE = 0x01;

	private static final int ACK = 0x02;

	private static final int OFFSET = 0x04;

	private BroadcastCodec() {
	}

	static byte[] encode(Broadcast broadcast) {
		BroadcastTarget target = broadcast.target();
		EncodedArgs args = broadcast.args();
		ByteBuf buf = Unpooled.buffer(64 + payloadSize(args));
		try {
			int flags = (target.volatileOnly() ? VOLATILE : 0) | ((broadcast.requestId() != null) ? ACK : 0)
					| ((broadcast.offset() != null) ? OFFSET : 0);
			buf.writeByte(flags);
			writeString(buf, target.nsp());
			writeStrings(buf, target.rooms());
			writeStrings(buf, target.except());
			writeString(buf, broadcast.event());
			if (broadcast.offset() != null) {
				writeString(buf, broadcast.offset());
			}
			if (broadcast.requestId() != null) {
				buf.writeLong(broadcast.requestId());
				buf.writeLong((broadcast.ackTimeoutMillis() != null) ? broadcast.ackTimeoutMillis() : 0L);
			}
			buf.writeShort(args.size());
			for (int i = 0; i < args.size(); i++) {
				byte[] value = args.values().get(i);
				buf.writeByte(args.kinds()[i]);
				buf.writeInt(value.length);
				buf.writeBytes(value);
			}
			return ByteBufUtil.getBytes(buf);
		}
		finally {
			buf.release();
		}
	}

	static Broadcast decode(byte[] payload) {
		ByteBuf buf = Unpooled.wrappedBuffer(payload);
		int flags = buf.readUnsignedByte();
		String nsp = readString(buf);
		List<String> rooms = readStrings(buf);
		List<String> except = readStrings(buf);
		String event = readString(buf);
		String offset = ((flags & OFFSET) != 0) ? readString(buf) : null;
		Long requestId = null;
		Long ackTimeout = null;
		if ((flags & ACK) != 0) {
			requestId = buf.readLong();
			ackTimeout = buf.readLong();
		}
		int count = buf.readUnsignedShort();
		byte[] kinds = new byte[count];
		List<byte[]> values = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			kinds[i] = buf.readByte();
			byte[] value = new byte[buf.readInt()];
			buf.readBytes(value);
			values.add(value);
		}
		if (buf.isReadable()) {
			throw new IllegalArgumentException("Broadcast payload has " + buf.readableBytes() + " trailing bytes");
		}
		return new Broadcast(new BroadcastTarget(nsp, rooms, except, (flags & VOLATILE) != 0), event,
				new EncodedArgs(kinds, values), requestId, ackTimeout, offset);
	}

	private static int payloadSize(EncodedArgs args) {
		int size = 0;
		for (byte[] value : args.values()) {
			size += 5 + value.length;
		}
		return size;
	}

	private static void writeStrings(ByteBuf buf, List<String> values) {
		buf.writeShort(checkedLength(values.size()));
		for (String value : values) {
			writeString(buf, value);
		}
	}

	private static void writeString(ByteBuf buf, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		buf.writeShort(checkedLength(bytes.length));
		buf.writeBytes(bytes);
	}

	private static int checkedLength(int length) {
		if (length > 0xFFFF) {
			throw new IllegalArgumentException("Room, namespace or event name list too long: " + length);
		}
		return length;
	}

	private static List<String> readStrings(ByteBuf buf) {
		int count = buf.readUnsignedShort();
		List<String> values = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			values.add(readString(buf));
		}
		return values;
	}

	private static String readString(ByteBuf buf) {
		int length = buf.readUnsignedShort();
		String value = buf.toString(buf.readerIndex(), length, StandardCharsets.UTF_8);
		buf.skipBytes(length);
		return value;
	}

}

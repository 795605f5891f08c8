package dev.clusteradapter.cluster.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketDescription;
import dev.clusteradapter.cluster.adapter.BroadcastTarget;
import dev.clusteradapter.cluster.adapter.EncodedArgs;
import dev.clusteradapter.cluster.adapter.WireValues;

/**
 * What both wires share: JSON or msgpack by the first byte (as the Node adapters decide),
 * socket.io's broadcast options and event packets, fetched sockets.
 */
final class WireSupport {

	private static final ObjectMapper CBOR = CBORMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/** socket.io-parser's EVENT packet type. */
	static final int EVENT = 2;

	private static final ObjectMapper JSON = new ObjectMapper();

	private final WireValues values = new WireValues();

	private final RequestIds ids;

	WireSupport(RequestIds ids) {
		this.ids = ids;
	}

	RequestIds ids() {
		return this.ids;
	}

	private static final byte[] JSON_UID = "{\"uid\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private static final byte[] MSGPACK_UID_KEY = { (byte) 0xa3, 'u', 'i', 'd' };

	/**
	 * Whether a frame starts with the uid of its sender and that uid is the given one: how
	 * this adapter's own frames begin ({@code {"uid":"…"} in JSON, {@code [uid, …]} or
	 * {@code {uid: …}} in msgpack). Redis hands a node back everything it publishes on the
	 * channels it listens to; those are dropped before anything is decoded.
	 * @param payload a frame
	 * @param uid a node's uid, UTF-8
	 * @return {@code true} only for a frame this uid sent
	 */
	static boolean sentBy(byte[] payload, byte[] uid) {
		if (startsWith(payload, 0, JSON_UID)) {
			int end = JSON_UID.length + uid.length;
			return startsWith(payload, JSON_UID.length, uid) && payload.length > end && payload[end] == '"';
		}
		if (payload.length == 0 || uid.length > 31) {
			return false;
		}
		int head = payload[0] & 0xf0;
		int at;
		if (head == 0x90) {
			// fixarray: its first element
			at = 1;
		}
		else if (head == 0x80 && startsWith(payload, 1, MSGPACK_UID_KEY)) {
			// fixmap whose first key is "uid": its value
			at = 1 + MSGPACK_UID_KEY.length;
		}
		else {
			return false;
		}
		// a fixstr of the uid's length, then the uid
		return payload.length > at && (payload[at] & 0xff) == (0xa0 | uid.length) && startsWith(payload, at + 1, uid);
	}

	private static boolean startsWith(byte[] bytes, int offset, byte[] start) {
		if (bytes.length - offset < start.length) {
			return false;
		}
		for (int i = 0; i < start.length; i++) {
			if (bytes[offset + i] != start[i]) {
				return false;
			}
		}
		return true;
	}

	/** JSON when the payload starts with '{', msgpack otherwise: the Node adapters' rule. */
	static Object decode(byte[] payload) {
		if (payload.length > 0 && payload[0] == '{') {
			try {
				return JSON.readValue(payload, Object.class);
			}
			catch (IOException ex) {
				throw new MalformedMessageException("Malformed JSON message: " + ex.getMessage());
			}
		}
		return Notepack.decode(payload);
	}

	static byte[] json(Object value) {
		try {
			return JSON.writeValueAsBytes(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] msgpack(Object value) {
		try {
			return Notepack.encode(value);
		}
		catch (IllegalArgumentException ex) {
			// an application object (an ack's answer): its JSON shape, as JSON.stringify would give it
			return Notepack.encode(JSON.valueToTree(value));
		}
	}

	/** JSON unless binary is inside: the sharded adapter's rule (Buffers survive msgpack only). */
	static byte[] jsonUnlessBinary(Object value) {
		return hasBinary(value) ? msgpack(value) : json(value);
	}

	static boolean hasBinary(Object value) {
		if (value instanceof byte[]) {
			return true;
		}
		if (value instanceof Map<?, ?> map) {
			for (Object item : map.values()) {
				if (hasBinary(item)) {
					return true;
				}
			}
		}
		else if (value instanceof List<?> list) {
			for (Object item : list) {
				if (hasBinary(item)) {
					return true;
				}
			}
		}
		return false;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value, String what) {
		if (value instanceof Map<?, ?> map) {
			return (Map<String, Object>) map;
		}
		throw new MalformedMessageException("Expected " + what + " to be a map");
	}

	static List<String> strings(Object value) {
		List<String> result = new ArrayList<>();
		if (value instanceof List<?> list) {
			list.forEach((item) -> result.add(String.valueOf(item)));
		}
		return result;
	}

	static long number(Object value, long fallback) {
		return (value instanceof Number number) ? number.longValue() : fallback;
	}

	/** socket.io's {@code {rooms, except, flags}} of a target. */
	static Map<String, Object> options(BroadcastTarget target, Map<String, Object> flags) {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("rooms", target.rooms());
		options.put("except", target.except());
		Map<String, Object> allFlags = new LinkedHashMap<>(flags);
		if (target.volatileOnly()) {
			allFlags.put("volatile", true);
		}
		options.put("flags", allFlags);
		return options;
	}

	/**
	 * Flags of a broadcast: the offset of a recoverable one rides along, ignored by Node.
	 * @param broadcast the broadcast
	 * @return the extra flags
	 */
	static Map<String, Object> flags(dev.clusteradapter.cluster.adapter.AdapterMessage.Broadcast broadcast) {
		return (broadcast.offset() != null) ? Map.of("offset", broadcast.offset()) : Map.of();
	}

	/** Offset of a recoverable broadcast, from its flags. */
	static String offset(Object options) {
		if (options instanceof Map<?, ?> opts && opts.get("flags") instanceof Map<?, ?> flags
				&& flags.get("offset") instanceof String offset) {
			return offset;
		}
		return null;
	}

	/** A session handed over between this adapter's peers, as CBOR (binary in msgpack). */
	static byte[] session(dev.clusteradapter.cluster.adapter.AdapterMessage.RestoredSession session) {
		try {
			return (session != null) ? CBOR.writeValueAsBytes(session) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static dev.clusteradapter.cluster.adapter.AdapterMessage.RestoredSession session(Object value) {
		if (!(value instanceof byte[] bytes)) {
			return null;
		}
		try {
			return CBOR.readValue(bytes, dev.clusteradapter.cluster.adapter.AdapterMessage.RestoredSession.class);
		}
		catch (IOException ex) {
			throw new MalformedMessageException("Unreadable session: " + ex.getMessage());
		}
	}

	/** Sessions a stopping peer hands over, as CBOR (binary in msgpack). */
	static byte[] handover(dev.clusteradapter.cluster.adapter.AdapterMessage.SessionHandover handover) {
		try {
			return CBOR.writeValueAsBytes(handover);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static dev.clusteradapter.cluster.adapter.AdapterMessage.SessionHandover handover(Object value) {
		if (!(value instanceof byte[] bytes)) {
			throw new MalformedMessageException("Session handover without its sessions");
		}
		try {
			return CBOR.readValue(bytes, dev.clusteradapter.cluster.adapter.AdapterMessage.SessionHandover.class);
		}
		catch (IOException ex) {
			throw new MalformedMessageException("Unreadable session handover: " + ex.getMessage());
		}
	}

	static BroadcastTarget target(String nsp, Object options) {
		Map<String, Object> opts = (options != null) ? map(options, "opts") : Map.of();
		boolean volatileOnly = false;
		if (opts.get("flags") instanceof Map<?, ?> flags) {
			volatileOnly = Boolean.TRUE.equals(flags.get("volatile"));
		}
		return new BroadcastTarget(nsp, strings(opts.get("rooms")), strings(opts.get("except")), volatileOnly);
	}

	/** socket.io's EVENT packet: {@code {type: 2, data: [event, ...args], nsp}}. */
	Map<String, Object> packet(String nsp, String event, EncodedArgs args) {
		Map<String, Object> packet = new LinkedHashMap<>();
		packet.put("type", EVENT);
		packet.put("data", eventData(event, args));
		packet.put("nsp", nsp);
		return packet;
	}

	/** {@code [event, ...args]}. */
	List<Object> eventData(String event, EncodedArgs args) {
		List<Object> data = new ArrayList<>(args.size() + 1);
		data.add(event);
		data.addAll(this.values.values(args));
		return data;
	}

	/** The event of {@code [event, ...args]}. */
	static String event(Object data) {
		if (data instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String event) {
			return event;
		}
		throw new MalformedMessageException("Event data without an event name");
	}

	/** The arguments of {@code [event, ...args]}. */
	EncodedArgs arguments(Object data) {
		List<?> list = (List<?>) data;
		List<?> args = list.subList(1, list.size());
		byte[] kinds = new byte[args.size()];
		List<byte[]> encoded = new ArrayList<>(kinds.length);
		for (int i = 0; i < kinds.length; i++) {
			Object arg = args.get(i);
			byte[] json = (arg instanceof byte[] binary) ? binary : PlainJson.write(arg);
			if (json == null) {
				// dates, binary below the top level, NaN: the general path knows them
				return this.values.encode(args);
			}
			kinds[i] = (arg instanceof byte[]) ? EncodedArgs.BINARY : EncodedArgs.JSON;
			encoded.add(json);
		}
		return new EncodedArgs(kinds, encoded);
	}

	List<Map<String, Object>> sockets(List<SocketDescription> sockets) {
		List<Map<String, Object>> result = new ArrayList<>(sockets.size());
		sockets.forEach((socket) -> result.add(this.values.socket(socket)));
		return result;
	}

	List<SocketDescription> descriptions(Object sockets) {
		List<SocketDescription> result = new ArrayList<>();
		if (sockets instanceof List<?> list) {
			for (Object socket : list) {
				result.add(this.values.description(map(socket, "socket")));
			}
		}
		return result;
	}

	/** The namespace of a channel {@code <start><nsp>#…}, or {@code null}. */
	static String namespaceAfter(String channel, String start) {
		if (!channel.startsWith(start)) {
			return null;
		}
		int end = channel.indexOf('#', start.length());
		return (end < 0) ? null : channel.substring(start.length(), end);
	}

}

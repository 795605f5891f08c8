package dev.clusteradapter.cluster.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketDescription;

/**
 * Plain values (maps, lists, strings, numbers, booleans, {@code null}, {@code byte[]}) of
 * what the adapter carries encoded: event arguments, a fetched socket's handshake and data.
 * For transports whose wire is another implementation's (Socket.IO's Node adapters), which
 * must re-encode them. Thread-safe.
 */
public final class WireValues {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final ObjectMapper cbor = AdapterMessageCodec.newCborMapper();

	private final ArgumentCodec arguments = new ArgumentCodec(this.cbor);

	/**
	 * Decoded handshakes and data by the encoded array they came from: a socket keeps the
	 * same arrays until its data changes, so a fetch answer decodes each socket's once, not
	 * once per fetch. Arrays compare by identity; an entry goes with its array.
	 */
	private final Map<byte[], Map<String, Object>> decoded = Collections.synchronizedMap(new WeakHashMap<>());

	/**
	 * Event arguments as plain values.
	 * @param args the encoded arguments
	 * @return the values
	 */
	public List<Object> values(EncodedArgs args) {
		return this.arguments.toObjects(args);
	}

	/**
	 * Encodes plain values as event arguments.
	 * @param values the values
	 * @return the encoded arguments
	 */
	public EncodedArgs encode(List<?> values) {
		return this.arguments.encode(values);
	}

	/**
	 * A socket of a fetch answer as socket.io describes it: {@code id}, {@code handshake},
	 * {@code rooms}, {@code data}.
	 * @param socket the socket
	 * @return socket.io's shape of it
	 */
	public Map<String, Object> socket(SocketDescription socket) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("id", socket.id());
		result.put("handshake", (socket.handshake() != null)
				? cached(socket.handshake(), (cbor) -> nodeHandshake(decodeMap(cbor))) : Map.of());
		result.put("rooms", socket.rooms());
		result.put("data", (socket.data() != null) ? cached(socket.data(), this::decodeMap) : Map.of());
		return result;
	}

	/**
	 * A socket as socket.io describes it, as this adapter's {@link SocketDescription}.
	 * @param socket socket.io's shape: {@code id}, {@code handshake}, {@code rooms}, {@code data}
	 * @return the description
	 * @throws IllegalArgumentException if it has no id
	 */
	@SuppressWarnings("unchecked")
	public SocketDescription description(Map<String, Object> socket) {
		Object id = socket.get("id");
		if (!(id instanceof String)) {
			throw new IllegalArgumentException("socket without id");
		}
		List<String> rooms = new ArrayList<>();
		if (socket.get("rooms") instanceof List<?> list) {
			list.forEach((room) -> rooms.add(String.valueOf(room)));
		}
		byte[] handshake = (socket.get("handshake") instanceof Map<?, ?> map)
				? encodeValue(javaHandshake((Map<String, Object>) map)) : null;
		Object data = (socket.get("data") instanceof Map<?, ?> map) ? map : Map.of();
		return new SocketDescription((String) id, rooms, handshake, encodeValue(data));
	}

	/** socket.io's handshake: one string per header and query parameter, {@code issued} in ms. */
	private static Map<String, Object> nodeHandshake(Map<String, Object> handshake) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("headers", firstValues(handshake.get("headers"), true));
		result.put("time", handshake.get("time"));
		result.put("address", handshake.get("address"));
		result.put("xdomain", handshake.get("xdomain"));
		result.put("secure", false);
		result.put("issued", handshake.get("issued"));
		result.put("url", handshake.get("url"));
		result.put("query", firstValues(handshake.get("query"), false));
		result.put("auth", (handshake.get("auth") != null) ? handshake.get("auth") : Map.of());
		return result;
	}

	/** This adapter's handshake ({@link SocketHandshake}): lists of values per header and parameter. */
	private static Map<String, Object> javaHandshake(Map<String, Object> handshake) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("address", handshake.get("address"));
		result.put("headers", valueLists(handshake.get("headers")));
		result.put("query", valueLists(handshake.get("query")));
		result.put("time", handshake.get("time"));
		result.put("issued", (handshake.get("issued") instanceof Number number) ? number.longValue() : 0L);
		result.put("url", handshake.get("url"));
		result.put("xdomain", Boolean.TRUE.equals(handshake.get("xdomain")));
		result.put("auth", handshake.get("auth"));
		return result;
	}

	private static Map<String, Object> firstValues(Object values, boolean join) {
		Map<String, Object> result = new LinkedHashMap<>();
		if (values instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if (value instanceof List<?> list) {
					if (!list.isEmpty()) {
						result.put(String.valueOf(key), join ? String.join(", ", list.stream().map(String::valueOf).toList())
								: String.valueOf(list.get(0)));
					}
				}
				else if (value != null) {
					result.put(String.valueOf(key), String.valueOf(value));
				}
			});
		}
		return result;
	}

	private static Map<String, List<String>> valueLists(Object values) {
		Map<String, List<String>> result = new LinkedHashMap<>();
		if (values instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if (value instanceof List<?> list) {
					result.put(String.valueOf(key), list.stream().map(String::valueOf).toList());
				}
				else if (value != null) {
					result.put(String.valueOf(key), List.of(String.valueOf(value)));
				}
			});
		}
		return result;
	}

	/** The decoded value of an array, never changed afterwards (callers only read it). */
	private Map<String, Object> cached(byte[] cbor, Function<byte[], Map<String, Object>> decode) {
		Map<String, Object> value = this.decoded.get(cbor);
		if (value == null) {
			value = Collections.unmodifiableMap(decode.apply(cbor));
			this.decoded.put(cbor, value);
		}
		return value;
	}

	private Map<String, Object> decodeMap(byte[] cbor) {
		try {
			return this.cbor.readValue(cbor, MAP);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private byte[] encodeValue(Object value) {
		try {
			return this.cbor.writeValueAsBytes(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package dev.clusteradapter.cluster.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

import dev.clusteradapter.cluster.adapter.AdapterMessage.AdapterClose;
import dev.clusteradapter.cluster.adapter.AdapterMessage.Broadcast;
import dev.clusteradapter.cluster.adapter.AdapterMessage.BroadcastAck;
import dev.clusteradapter.cluster.adapter.AdapterMessage.BroadcastClientCount;
import dev.clusteradapter.cluster.adapter.AdapterMessage.DisconnectSockets;
import dev.clusteradapter.cluster.adapter.AdapterMessage.FetchSockets;
import dev.clusteradapter.cluster.adapter.AdapterMessage.FetchSocketsResponse;
import dev.clusteradapter.cluster.adapter.AdapterMessage.Membership;
import dev.clusteradapter.cluster.adapter.AdapterMessage.MembershipSnapshot;
import dev.clusteradapter.cluster.adapter.AdapterMessage.OperationDone;
import dev.clusteradapter.cluster.adapter.AdapterMessage.ServerSideEmit;
import dev.clusteradapter.cluster.adapter.AdapterMessage.ServerSideEmitResponse;
import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketsJoin;
import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketsLeave;

/**
 * Encodes {@link AdapterMessage}s. The bus frame carries the type, so the payload does not
 * repeat it. {@link MessageType#BROADCAST}, sent for every emit, has a hand-made layout
 * ({@link BroadcastCodec}); the other messages are CBOR maps of their record components.
 * Event arguments are already encoded ({@link EncodedArgs}) and are copied, never parsed.
 *
 * <pre>
 * bus frame (the transport's header)        payload of FETCH_SOCKETS, one CBOR map
 * +-------------------+---------------+     +---------------------------------------------+
 * | type 0x10 + ord() | payload bytes | --&gt; | {"requestId": 7,                            |
 * +-------------------+---------------+     |  "target": {"nsp": "/", "rooms": ["r1"],    |
 *                                           |             "except": [], "volatileOnly": f}}|
 *                                           +---------------------------------------------+
 * </pre>
 * A broadcast with acknowledgement is answered by one BROADCAST_CLIENT_COUNT per node, then
 * one BROADCAST_ACK per client; both name the sockets, so the requester can tell which
 * client answered and which never will:
 * <pre>
 * BROADCAST_CLIENT_COUNT                      BROADCAST_ACK
 * +---------------------------------------+   +---------------------------------------+
 * | {"requestId": 7,                      |   | {"requestId": 7,                      |
 * |  "count": 2,                          |   |  "response": {"ok": true},  (absent   |
 * |  "socketIds": ["3f2c…", "9a41…"]}     |   |                when null)             |
 * +---------------------------------------+   |  "missing": false,                    |
 *                                             |  "socketId": "3f2c…"}                 |
 *                                             +---------------------------------------+
 * </pre>
 */
final class AdapterMessageCodec {

	private static final Map<MessageType, Class<? extends AdapterMessage>> CLASSES = new EnumMap<>(MessageType.class);

	private static final Map<Class<?>, MessageType> TYPES = new HashMap<>();

	static {
		CLASSES.put(MessageType.BROADCAST, Broadcast.class);
		CLASSES.put(MessageType.SOCKETS_JOIN, SocketsJoin.class);
		CLASSES.put(MessageType.SOCKETS_LEAVE, SocketsLeave.class);
		CLASSES.put(MessageType.DISCONNECT_SOCKETS, DisconnectSockets.class);
		CLASSES.put(MessageType.FETCH_SOCKETS, FetchSockets.class);
		CLASSES.put(MessageType.FETCH_SOCKETS_RESPONSE, FetchSocketsResponse.class);
		CLASSES.put(MessageType.SERVER_SIDE_EMIT, ServerSideEmit.class);
		CLASSES.put(MessageType.SERVER_SIDE_EMIT_RESPONSE, ServerSideEmitResponse.class);
		CLASSES.put(MessageType.BROADCAST_CLIENT_COUNT, BroadcastClientCount.class);
		CLASSES.put(MessageType.BROADCAST_ACK, BroadcastAck.class);
		CLASSES.put(MessageType.ADAPTER_CLOSE, AdapterClose.class);
		CLASSES.put(MessageType.OPERATION_DONE, OperationDone.class);
		CLASSES.put(MessageType.MEMBERSHIP, Membership.class);
		CLASSES.put(MessageType.MEMBERSHIP_SNAPSHOT, MembershipSnapshot.class);
		CLASSES.put(MessageType.RESTORE_SESSION, AdapterMessage.RestoreSession.class);
		CLASSES.put(MessageType.RESTORE_SESSION_RESPONSE, AdapterMessage.RestoreSessionResponse.class);
		CLASSES.put(MessageType.SESSION_HANDOVER, AdapterMessage.SessionHandover.class);
		CLASSES.forEach((type, messageClass) -> TYPES.put(messageClass, type));
	}

	private final ObjectMapper cbor = newCborMapper();

	/**
	 * The CBOR mapper the adapter encodes records, handshakes and socket data with.
	 * @return a new mapper
	 */
	static ObjectMapper newCborMapper() {
		return CBORMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.serializationInclusion(JsonInclude.Include.NON_NULL)
			.build();
	}

	/**
	 * Type of a message.
	 * @param message the message
	 * @return its type
	 */
	MessageType typeOf(AdapterMessage message) {
		MessageType type = TYPES.get(message.getClass());
		if (type == null) {
			throw new IllegalArgumentException("Unknown message " + message.getClass());
		}
		return type;
	}

	byte[] encode(AdapterMessage message) {
		if (message instanceof Broadcast broadcast) {
			return BroadcastCodec.encode(broadcast);
		}
		try {
			return this.cbor.writeValueAsBytes(message);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Decodes a payload.
	 * @param type the message type
	 * @param payload the bytes
	 * @return the message, or {@code null} for a type that carries no adapter message
	 */
	AdapterMessage decode(MessageType type, byte[] payload) {
		Class<? extends AdapterMessage> messageClass = CLASSES.get(type);
		if (messageClass == null) {
			return null;
		}
		if (type == MessageType.BROADCAST) {
			return BroadcastCodec.decode(payload);
		}
		try {
			return this.cbor.readValue(payload, messageClass);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	ObjectMapper mapper() {
		return this.cbor;
	}

}

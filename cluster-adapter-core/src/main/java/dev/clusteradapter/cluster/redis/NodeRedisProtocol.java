package dev.clusteradapter.cluster.redis;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The wire of {@code @socket.io/redis-adapter} 8.3.0 (with socket.io-adapter 2.5.x and
 * notepack.io 3.0.1), as read from its code and checked against frames captured from Node
 * servers ({@code src/test/resources/redis/captures}, whose README has an example of each).
 *
 * <h2>Classic ({@code createAdapter}): PUBLISH, SUBSCRIBE, PSUBSCRIBE</h2>
 * <pre>
 * channel                                  who subscribes               what travels
 * ---------------------------------------  ---------------------------  -----------------------------------
 * &lt;prefix&gt;#&lt;nsp&gt;#                          PSUBSCRIBE &lt;prefix&gt;#&lt;nsp&gt;#*   broadcast, any rooms: msgpack
 * &lt;prefix&gt;#&lt;nsp&gt;#&lt;room&gt;#                    (the same pattern)           broadcast to exactly one room
 * &lt;prefix&gt;-request#&lt;nsp&gt;#                  SUBSCRIBE, every server       requests (JSON; type 7 msgpack)
 * &lt;prefix&gt;-response#&lt;nsp&gt;#                 SUBSCRIBE, every server       responses (JSON; type 9 msgpack)
 * &lt;prefix&gt;-response#&lt;nsp&gt;#&lt;uid&gt;#           SUBSCRIBE, server uid         responses, when the responder runs
 *                                                                        publishOnSpecificResponseChannel
 * </pre>
 * A broadcast is {@code [uid, packet, opts]} in msgpack: {@code packet = {type: 2, data:
 * [event, ...args], nsp}} (the sender sets {@code nsp}; a receiver reads a missing one as
 * {@code "/"}), {@code opts = {rooms: [...], except: [...], flags: {...}}} ({@code flags} as
 * the emitter set them: {@code {}}, {@code {volatile: true}}, {@code {timeout: ms}},
 * {@code compress}, ...; {@code local} broadcasts are never published). A receiver drops a
 * per-room frame unless it holds the room, before decoding; then frames of its own uid or
 * another namespace. Binary arguments are msgpack bin.
 * <p>
 * Requests ({@link Classic} types) all carry the sender's {@code uid} and a {@code type}:
 * <pre>
 * 5 REMOTE_FETCH        {uid, requestId, type, opts: {rooms, except}}            JSON
 *   response            {requestId, sockets: [{id, handshake, rooms, data}]}     JSON
 * 6 SERVER_SIDE_EMIT    {uid, type, data: [event, ...args]}                      JSON
 *   with ack            {uid, requestId, type, data: [event, ...args]}           JSON
 *   response            {type: 6, requestId, data: firstAckArgument}             JSON, ALWAYS on
 *                                                                                the common channel
 * 7 BROADCAST (ack)     {uid, requestId, type, packet, opts: {rooms, except, flags: {timeout}}}  msgpack
 *   response            {type: 8, requestId, clientCount}, once per server       JSON
 *   response            {type: 9, requestId, packet: firstAckArgument}, per ack  msgpack
 * 2 REMOTE_JOIN         {uid, type, opts: {rooms, except}, rooms: [...]}         JSON, no response
 * 3 REMOTE_LEAVE        {uid, type, opts: {rooms, except}, rooms: [...]}         JSON, no response
 * 4 REMOTE_DISCONNECT   {uid, type, opts: {rooms, except}, close}                JSON, no response
 * 1 ALL_ROOMS           {uid, requestId, type} -&gt; {requestId, rooms}             JSON
 * 0 SOCKETS             {uid, requestId, type, rooms} -&gt; {requestId, sockets}   JSON (8.3.0 never sends it)
 * </pre>
 * Responses carry no uid: a requester counts them. Its own requests come back to the sender:
 * it skips REMOTE_FETCH, ALL_ROOMS, SOCKETS and BROADCAST by the pending requestId and
 * SERVER_SIDE_EMIT by uid, but applies REMOTE_JOIN, REMOTE_LEAVE and REMOTE_DISCONNECT to
 * its own sockets only when they come back (it does not apply them locally first).
 * <p>
 * serverCount = {@code PUBSUB NUMSUB <prefix>-request#<nsp>#}: the subscriber connections
 * on that namespace's request channel, this server included. A fetch waits for
 * serverCount - 1 responses, a server-side emit with ack for serverCount - 1, a broadcast
 * with ack for serverCount clientCount responses (one from every server, its own included,
 * zero clients or not) and then as many acks as they announced; whatever is missing ends in
 * the requester's timeout. So a peer subscribes to the request channel once per namespace
 * and answers each of these exactly once.
 *
 * <h2>Sharded ({@code createShardedAdapter}, Redis 7): SPUBLISH, SSUBSCRIBE</h2>
 * <pre>
 * channel                        who subscribes                        what travels
 * -----------------------------  ------------------------------------  ---------------------------------
 * &lt;prefix&gt;#&lt;nsp&gt;#                every server                          every message type
 * &lt;prefix&gt;#&lt;nsp&gt;#&lt;uid&gt;#          server uid                            responses to uid's requests
 * &lt;prefix&gt;#&lt;nsp&gt;#&lt;room&gt;#         every server holding room, when room  broadcasts to exactly that room,
 *                                is no socket id of its own (dynamic)  without ack, room not 20 chars
 * </pre>
 * Every message, responses included, is {@code {uid, nsp, type, data}} (on the wire the keys
 * come as {@code type, data, uid, nsp}); JSON, or msgpack when the type is 3, 8, 9, 10 or 12
 * and {@code data} holds binary. Types ({@link Sharded}) and {@code data}:
 * <pre>
 * 3 BROADCAST                 {packet: {type, data}, opts: {rooms, except, flags}}     (packet has no nsp)
 *   with ack                  {packet, requestId, opts}                                (never on a room channel)
 *   11 BROADCAST_CLIENT_COUNT {requestId, clientCount}
 *   12 BROADCAST_ACK          {requestId, packet: firstAckArgument}
 * 4 SOCKETS_JOIN              {opts: {rooms, except, flags}, rooms: [...]}
 * 5 SOCKETS_LEAVE             {opts, rooms: [...]}
 * 6 DISCONNECT_SOCKETS        {opts, close}
 * 7 FETCH_SOCKETS             {opts, requestId}
 *   8 FETCH_SOCKETS_RESPONSE  {requestId, sockets: [{id, handshake, rooms, data}]}
 * 9 SERVER_SIDE_EMIT          {packet: [event, ...args]} or {requestId, packet}
 *   10 SERVER_SIDE_EMIT_RESPONSE {requestId, packet: firstAckArgument}
 * 1 INITIAL_HEARTBEAT, 2 HEARTBEAT, 13 ADAPTER_CLOSE: never sent; ignored (the sharded
 *   adapter extends ClusterAdapter, not ClusterAdapterWithHeartbeat)
 * </pre>
 * The sender applies socketsJoin/Leave and disconnectSockets locally and ignores its own
 * messages by uid, and messages of another nsp. serverCount = {@code PUBSUB SHARDNUMSUB
 * <prefix>#<nsp>#}; a fetch and a server-side emit with ack wait for serverCount - 1 responses
 * (counted, not matched by uid), a broadcast with ack as in classic.
 * <p>
 * The "dynamic" subscription mode (the default) decides by name on the sending side: a room
 * of exactly {@value #NODE_SOCKET_ID_LENGTH} characters is taken for a socket id and goes to
 * the main channel; any other single room to {@code <prefix>#<nsp>#<room>#}. Receivers
 * subscribe to a room's channel when it is created locally, unless it is the id of one of
 * their own sockets. A peer whose socket ids are not 20 characters must therefore subscribe
 * to the room channel of each of its socket-id rooms too, or Node's {@code to(socketId)}
 * misses its sockets.
 *
 * <h2>Ids</h2>
 * One uid per namespace per server (a new adapter per namespace). Classic: uid and
 * requestId are {@value Classic#ID_LENGTH} characters of {@code [A-Za-z0-9_-]} (uid2).
 * Sharded: {@value Sharded#ID_LENGTH} lowercase hex characters (8 random bytes).
 *
 * <h2>What a Node server ignores, and what takes it down</h2>
 * Checked against Node servers ({@code NodeRedisToleranceTests}), and in the code: they
 * ignore unknown request and message types, responses with an unknown or no requestId,
 * extra fields anywhere, extra elements after a classic broadcast's three, payloads that do
 * not parse on the classic request and response channels and on sharded channels, classic
 * frames on a room channel for a room they do not hold (before parsing), and sharded types
 * 1, 2 and 13. So a peer may add fields, message types, and channels outside the classic
 * pattern {@code <prefix>#<nsp>#*}, and Node peers ignore them.
 * <p>
 * Fatal to every Node server that receives it (an uncaught TypeError or parse error ends the
 * process): on a classic broadcast channel, anything but msgpack {@code [uid, packet, opts]}
 * with an {@code opts} object (garbage, JSON, nil); a classic request or response that is
 * msgpack {@code nil}; a REMOTE_FETCH or BROADCAST request without {@code opts}; a
 * SERVER_SIDE_EMIT with a requestId whose {@code data} is not an array. Sharded: msgpack
 * {@code nil}; a message of type 3 to 12 without a {@code data} object, or whose
 * {@code data} lacks the {@code opts} its type reads; anything on a server's response channel
 * without a {@code data} object.
 */
public final class NodeRedisProtocol {

	/** Node's default key ({@code key} in classic, {@code channelPrefix} in sharded). */
	public static final String DEFAULT_PREFIX = "socket.io";

	/** The length of a Node Socket.IO socket id, which sharded "dynamic" mode keys on. */
	public static final int NODE_SOCKET_ID_LENGTH = 20;

	/** A payload that starts with this byte is JSON; anything else is msgpack. */
	public static final byte JSON_FIRST_BYTE = '{';

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final char[] UID2_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		.toCharArray();

	private NodeRedisProtocol() {
	}

	/** The classic adapter: channels and request types. */
	public static final class Classic {

		/** Request for the ids of the sockets in some rooms (not sent by 8.3.0, answered). */
		public static final int SOCKETS = 0;

		/** Request for every room of every server. */
		public static final int ALL_ROOMS = 1;

		/** socketsJoin. */
		public static final int REMOTE_JOIN = 2;

		/** socketsLeave. */
		public static final int REMOTE_LEAVE = 3;

		/** disconnectSockets. */
		public static final int REMOTE_DISCONNECT = 4;

		/** fetchSockets. */
		public static final int REMOTE_FETCH = 5;

		/** serverSideEmit, with or without ack; also the type of its response. */
		public static final int SERVER_SIDE_EMIT = 6;

		/** A broadcast with ack (msgpack). */
		public static final int BROADCAST = 7;

		/** Response: how many clients a server sent a broadcast with ack to. */
		public static final int BROADCAST_CLIENT_COUNT = 8;

		/** Response: one client's ack (msgpack). */
		public static final int BROADCAST_ACK = 9;

		/** Characters in a uid and a requestId. */
		public static final int ID_LENGTH = 6;

		private Classic() {
		}

		/**
		 * The channel of broadcasts to any rooms but exactly one.
		 * @param prefix the key, e.g. {@value NodeRedisProtocol#DEFAULT_PREFIX}
		 * @param nsp the namespace, e.g. {@code /}
		 * @return {@code <prefix>#<nsp>#}
		 */
		public static String broadcastChannel(String prefix, String nsp) {
			return prefix + "#" + nsp + "#";
		}

		/**
		 * The pattern every server PSUBSCRIBEs to (it matches the room channels too).
		 * @param prefix the key
		 * @param nsp the namespace
		 * @return {@code <prefix>#<nsp>#*}
		 */
		public static String broadcastPattern(String prefix, String nsp) {
			return broadcastChannel(prefix, nsp) + "*";
		}

		/**
		 * The channel of broadcasts to exactly one room.
		 * @param prefix the key
		 * @param nsp the namespace
		 * @param room the room
		 * @return {@code <prefix>#<nsp>#<room>#}
		 */
		public static String roomChannel(String prefix, String nsp, String room) {
			return broadcastChannel(prefix, nsp) + room + "#";
		}

		/**
		 * The room a broadcast channel names, as a receiver reads it.
		 * @param prefix the key
		 * @param nsp the namespace
		 * @param channel a channel that matched {@link #broadcastPattern}
		 * @return the room, {@code ""} for the channel of all rooms, {@code null} for a channel
		 * of another namespace or shape
		 */
		public static String roomOf(String prefix, String nsp, String channel) {
			String base = broadcastChannel(prefix, nsp);
			if (channel.equals(base)) {
				return "";
			}
			if (!channel.startsWith(base) || !channel.endsWith("#")) {
				return null;
			}
			return channel.substring(base.length(), channel.length() - 1);
		}

		/**
		 * The channel of requests.
		 * @param prefix the key
		 * @param nsp the namespace
		 * @return {@code <prefix>-request#<nsp>#}
		 */
		public static String requestChannel(String prefix, String nsp) {
			return prefix + "-request#" + nsp + "#";
		}

		/**
		 * The channel of responses every server reads.
		 * @param prefix the key
		 * @param nsp the namespace
		 * @return {@code <prefix>-response#<nsp>#}
		 */
		public static String responseChannel(String prefix, String nsp) {
			return prefix + "-response#" + nsp + "#";
		}

		/**
		 * The channel of responses to one server's requests, used by responders that run
		 * {@code publishOnSpecificResponseChannel} (server-side emit acks excepted).
		 * @param prefix the key
		 * @param nsp the namespace
		 * @param uid the requester's uid
		 * @return {@code <prefix>-response#<nsp>#<uid>#}
		 */
		public static String specificResponseChannel(String prefix, String nsp, String uid) {
			return responseChannel(prefix, nsp) + uid + "#";
		}

		/**
		 * A uid or requestId as Node makes them (uid2).
		 * @return {@value #ID_LENGTH} random characters of {@code [A-Za-z0-9_-]}
		 */
		public static String randomId() {
			char[] id = new char[ID_LENGTH];
			for (int i = 0; i < id.length; i++) {
				id[i] = UID2_CHARACTERS[RANDOM.nextInt(UID2_CHARACTERS.length)];
			}
			return new String(id);
		}

	}

	/** The sharded adapter: channels and message types (socket.io-adapter's ClusterAdapter). */
	public static final class Sharded {

		/** Never sent by the sharded adapter; ignored by it. */
		public static final int INITIAL_HEARTBEAT = 1;

		/** Never sent by the sharded adapter; ignored by it. */
		public static final int HEARTBEAT = 2;

		/** A broadcast, with ack when {@code data.requestId} is present. */
		public static final int BROADCAST = 3;

		/** socketsJoin. */
		public static final int SOCKETS_JOIN = 4;

		/** socketsLeave. */
		public static final int SOCKETS_LEAVE = 5;

		/** disconnectSockets. */
		public static final int DISCONNECT_SOCKETS = 6;

		/** fetchSockets. */
		public static final int FETCH_SOCKETS = 7;

		/** One server's sockets. */
		public static final int FETCH_SOCKETS_RESPONSE = 8;

		/** serverSideEmit, with ack when {@code data.requestId} is present. */
		public static final int SERVER_SIDE_EMIT = 9;

		/** One server's ack of a server-side emit. */
		public static final int SERVER_SIDE_EMIT_RESPONSE = 10;

		/** How many clients a server sent a broadcast with ack to. */
		public static final int BROADCAST_CLIENT_COUNT = 11;

		/** One client's ack. */
		public static final int BROADCAST_ACK = 12;

		/** Never sent by the sharded adapter; ignored by it. */
		public static final int ADAPTER_CLOSE = 13;

		/** Characters in a uid and a requestId. */
		public static final int ID_LENGTH = 16;

		private Sharded() {
		}

		/**
		 * The channel every server reads.
		 * @param prefix the channelPrefix, e.g. {@value NodeRedisProtocol#DEFAULT_PREFIX}
		 * @param nsp the namespace
		 * @return {@code <prefix>#<nsp>#}
		 */
		public static String channel(String prefix, String nsp) {
			return prefix + "#" + nsp + "#";
		}

		/**
		 * The channel of responses to one server.
		 * @param prefix the channelPrefix
		 * @param nsp the namespace
		 * @param uid the requester's uid
		 * @return {@code <prefix>#<nsp>#<uid>#}
		 */
		public static String responseChannel(String prefix, String nsp, String uid) {
			return channel(prefix, nsp) + uid + "#";
		}

		/**
		 * The "dynamic" channel of one room.
		 * @param prefix the channelPrefix
		 * @param nsp the namespace
		 * @param room the room
		 * @return {@code <prefix>#<nsp>#<room>#}
		 */
		public static String roomChannel(String prefix, String nsp, String room) {
			return channel(prefix, nsp) + room + "#";
		}

		/**
		 * Whether a Node sender in "dynamic" mode takes a room for a socket id, and so
		 * publishes a broadcast to it alone on the main channel rather than the room's.
		 * @param room the room
		 * @return {@code true} when it has {@value NodeRedisProtocol#NODE_SOCKET_ID_LENGTH}
		 * characters
		 */
		public static boolean looksLikeASocketId(String room) {
			return room.length() == NODE_SOCKET_ID_LENGTH;
		}

		/**
		 * A uid or requestId as Node makes them.
		 * @return {@value #ID_LENGTH} lowercase hex characters
		 */
		public static String randomId() {
			byte[] bytes = new byte[ID_LENGTH / 2];
			RANDOM.nextBytes(bytes);
			return HexFormat.of().formatHex(bytes);
		}

	}

}

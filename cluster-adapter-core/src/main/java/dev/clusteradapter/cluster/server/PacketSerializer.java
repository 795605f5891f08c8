package dev.clusteradapter.cluster.server;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.corundumstudio.socketio.protocol.ConnPacket;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;

/**
 * Writes a netty-socketio {@link Packet} as one Engine.IO v4 text packet, moving every
 * {@code byte[]} argument out into an attachment (Socket.IO protocol v5).
 * <pre>
 * Engine.IO packet (text)
 * +------+---------------------------------------------------------------+
 * | type | data                                                          |
 * | '0'  | OPEN: handshake JSON        '2'/'3' PING/PONG: optional text  |
 * | '4'  | MESSAGE: a Socket.IO packet '1','5','6' CLOSE/UPGRADE/NOOP     |
 * +------+---------------------------------------------------------------+
 *
 * Socket.IO packet (inside MESSAGE)
 * +------+--------------+----------+--------+----------------------------+
 * | type | attachments  | nsp      | ack id | data (JSON)                |
 * | '2'  | "2-"         | "/chat," | "12"   | ["name",{"_placeholder":   |
 * |      | binary only  | not "/"  | if any |   true,"num":0}, ...]      |
 * +------+--------------+----------+--------+----------------------------+
 * types: 0 CONNECT, 1 DISCONNECT, 2 EVENT, 3 ACK, 4 ERROR,
 *        5 BINARY_EVENT, 6 BINARY_ACK (each followed by its attachments)
 * </pre>
 * The packet is never modified: a broadcast shares one packet among all its recipients
 * and their event loops (netty-socketio's own encoder mutates it, so every recipient after
 * the first of a binary broadcast received an empty packet).
 */
final class PacketSerializer {

	private final JsonSupport jsonSupport;

	private volatile ConnectAnswers connectAnswers;

	PacketSerializer(JsonSupport jsonSupport) {
		this.jsonSupport = jsonSupport;
	}

	/**
	 * Where the private session ids of connection state recovery come from: a CONNECT answer
	 * then carries {@code pid} beside {@code sid}, as Socket.IO's does.
	 * @param answers the source, or {@code null} for none
	 */
	void connectAnswers(ConnectAnswers answers) {
		this.connectAnswers = answers;
	}

	/** Private session ids of connecting sockets, and the sockets the server disconnects. */
	interface ConnectAnswers {

		/**
		 * Private session id of a connecting socket.
		 * @param sessionId its Engine.IO session
		 * @param nsp its namespace, socket.io style
		 * @return the id, or {@code null} for none
		 */
		String pid(UUID sessionId, String nsp);

		/**
		 * Id of a connecting socket that takes over a session: the one it had before.
		 * @param sessionId its Engine.IO session
		 * @param nsp its namespace, socket.io style
		 * @return the id, or {@code null} to answer with its session id
		 */
		String socketId(UUID sessionId, String nsp);

		/**
		 * The server disconnects a socket (Socket.IO's DISCONNECT goes to its client).
		 * @param sessionId its Engine.IO session
		 * @param nsp its namespace, socket.io style
		 */
		void disconnecting(UUID sessionId, String nsp);

	}

	/**
	 * Writes the text part of a packet.
	 * @param packet the packet
	 * @param out where the text goes
	 * @return the binary attachments that must follow the text, in order
	 * @throws IOException if the data cannot be written as JSON
	 */
	List<byte[]> write(Packet packet, ByteBuf out) throws IOException {
		return write(packet, out, null);
	}

	/**
	 * Writes the text part of a packet for a session.
	 * @param packet the packet
	 * @param out where the text goes
	 * @param sessionId the session it goes to, or {@code null}
	 * @return the binary attachments that must follow the text, in order
	 * @throws IOException if the data cannot be written as JSON
	 */
	List<byte[]> write(Packet packet, ByteBuf out, UUID sessionId) throws IOException {
		ConnectAnswers answers = this.connectAnswers;
		if (answers != null && sessionId != null && packet.getType() == PacketType.MESSAGE
				&& packet.getSubType() == PacketType.DISCONNECT) {
			// the server disconnects the socket: Socket.IO does not recover from that
			answers.disconnecting(sessionId, packet.getNsp().isEmpty() ? "/" : packet.getNsp());
		}
		out.writeByte(digit(packet.getType().getValue()));
		switch (packet.getType()) {
			case OPEN -> writeJson(packet.getData(), out);
			case PING, PONG -> {
				Object data = packet.getData();
				if (data != null) {
					out.writeCharSequence(data.toString(), StandardCharsets.UTF_8);
				}
			}
			case MESSAGE -> {
				return writeMessage(packet, out);
			}
			default -> {
			}
		}
		return List.of();
	}

	private Object connectAnswer(Object data, String nsp) {
		ConnectAnswers answers = this.connectAnswers;
		if (answers != null && data instanceof ConnPacket connect) {
			String name = nsp.isEmpty() ? "/" : nsp;
			String pid = answers.pid(connect.getSid(), name);
			if (pid != null) {
				String restored = answers.socketId(connect.getSid(), name);
				Map<String, String> answer = new LinkedHashMap<>();
				answer.put("sid", (restored != null) ? restored : connect.getSid().toString());
				answer.put("pid", pid);
				return answer;
			}
		}
		return data;
	}

	private List<byte[]> writeMessage(Packet packet, ByteBuf out) throws IOException {
		PacketType subType = packet.getSubType();
		// BINARY_* only when netty-socketio's own encoder has already rewritten a shared packet
		boolean event = subType == PacketType.EVENT || subType == PacketType.BINARY_EVENT;
		boolean ack = subType == PacketType.ACK || subType == PacketType.BINARY_ACK;
		String nsp = packet.getNsp();
		if (subType == PacketType.CONNECT) {
			out.writeByte(digit(subType.getValue()));
			out.writeCharSequence(nsp, StandardCharsets.UTF_8);
			if (packet.getData() != null) {
				if (!nsp.isEmpty()) {
					out.writeByte(',');
				}
				writeJson(connectAnswer(packet.getData(), nsp), out);
			}
			return List.of();
		}
		ByteBuf json = null;
		List<byte[]> attachments = List.of();
		try {
			if (event || ack) {
				json = out.alloc().heapBuffer();
				attachments = writeArguments(packet, event, json);
			}
			else if (subType == PacketType.ERROR && packet.getData() != null) {
				json = out.alloc().heapBuffer();
				writeJson(packet.getData(), json);
			}
			if (attachments.isEmpty()) {
				out.writeByte(digit(event ? 2 : ack ? 3 : subType.getValue()));
			}
			else {
				out.writeByte(digit(event ? 5 : 6));
				out.writeCharSequence(Integer.toString(attachments.size()), StandardCharsets.US_ASCII);
				out.writeByte('-');
			}
			if (!nsp.isEmpty()) {
				out.writeCharSequence(nsp, StandardCharsets.UTF_8);
				out.writeByte(',');
			}
			if (packet.getAckId() != null) {
				out.writeCharSequence(Long.toString(packet.getAckId()), StandardCharsets.US_ASCII);
			}
			if (json != null) {
				out.writeBytes(json);
			}
			return attachments;
		}
		finally {
			if (json != null) {
				json.release();
			}
		}
	}

	private List<byte[]> writeArguments(Packet packet, boolean event, ByteBuf json) throws IOException {
		List<Object> values = new ArrayList<>();
		if (event) {
			values.add(packet.getName());
		}
		List<Object> arguments = packet.getData();
		if (arguments != null) {
			values.addAll(arguments);
		}
		writeJson(values, json);
		// the JSON support collects byte[] values per thread, replacing them by placeholders
		return List.copyOf(this.jsonSupport.getArrays());
	}

	private void writeJson(Object value, ByteBuf out) throws IOException {
		this.jsonSupport.writeValue(new ByteBufOutputStream(out), value);
	}

	private static int digit(int value) {
		return '0' + value;
	}

}

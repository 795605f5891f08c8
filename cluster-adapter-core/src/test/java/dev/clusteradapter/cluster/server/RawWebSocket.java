package dev.clusteradapter.cluster.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare Engine.IO v4 WebSocket over a plain socket, connected to the default namespace,
 * which sends whatever text it is given, as no official client would, and reports how the
 * server closed it. It answers the server's Close frame as RFC 6455 asks (a Close back,
 * then the end of its output), and a failed write of its own never fails it: what it read
 * tells what the server did. A stalled one stops reading once connected, as a client whose
 * application hangs.
 */
final class RawWebSocket implements AutoCloseable {

	private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

	private static final int TEXT = 0x1;

	private static final int CONTINUATION = 0x0;

	private static final int CLOSE = 0x8;

	private static final int PING = 0x9;

	private static final int PONG = 0xA;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final String sid;

	private final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();

	private final CompletableFuture<Boolean> ended = new CompletableFuture<>();

	private final List<String> messages = new CopyOnWriteArrayList<>();

	private RawWebSocket(Socket socket, String sid) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
		this.sid = sid;
	}

	/**
	 * Opens the WebSocket, connects to the default namespace, and reads all the server sends.
	 * @param port the server's port on loopback
	 * @return the connected socket
	 */
	static RawWebSocket connect(int port) {
		RawWebSocket webSocket = open(port, 0);
		webSocket.resumeReading();
		return webSocket;
	}

	/**
	 * Opens the WebSocket and connects to the default namespace, then reads nothing more, so
	 * that what the server sends fills the receive window and then the server's buffers.
	 * @param port the server's port on loopback
	 * @param receiveBuffer the socket's receive buffer in bytes (the kernel rounds it up)
	 * @return the connected socket
	 */
	static RawWebSocket connectStalled(int port, int receiveBuffer) {
		return open(port, receiveBuffer);
	}

	private static RawWebSocket open(int port, int receiveBuffer) {
		Socket socket = new Socket();
		try {
			if (receiveBuffer > 0) {
				// before connecting: the window scale is agreed in the handshake
				socket.setReceiveBufferSize(receiveBuffer);
			}
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String head = RawHttp.readHead(in);
			if (!head.startsWith("HTTP/1.1 101")) {
				throw new IOException("No upgrade: " + head);
			}
			Matcher sid = SID.matcher(readText(in));
			if (!sid.find()) {
				throw new IOException("No Engine.IO open packet");
			}
			RawWebSocket webSocket = new RawWebSocket(socket, sid.group(1));
			webSocket.write(TEXT, true, "40".getBytes(StandardCharsets.US_ASCII));
			String connected = readText(in);
			if (!connected.startsWith("40")) {
				throw new IOException("Namespace connect refused: " + connected);
			}
			socket.setSoTimeout(0);
			return webSocket;
		}
		catch (IOException ex) {
			try {
				socket.close();
			}
			catch (IOException closing) {
				ex.addSuppressed(closing);
			}
			throw new UncheckedIOException(ex);
		}
	}

	/** The Engine.IO session id. */
	String sid() {
		return this.sid;
	}

	/**
	 * Sends one text message in one frame, as is.
	 * @return whether it was all written; {@code false} when the connection failed meanwhile
	 */
	boolean send(String text) {
		return sendInFragments(text, Integer.MAX_VALUE);
	}

	/**
	 * Sends one text message in frames of a given size.
	 * @return whether it was all written; {@code false} when the connection failed meanwhile
	 */
	boolean sendInFragments(String text, int fragmentSize) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		try {
			int offset = 0;
			do {
				int length = Math.min(fragmentSize, bytes.length - offset);
				byte[] fragment = new byte[length];
				System.arraycopy(bytes, offset, fragment, 0, length);
				write((offset == 0) ? TEXT : CONTINUATION, offset + length == bytes.length, fragment);
				offset += length;
			}
			while (offset < bytes.length);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Starts reading what the server sends, on a thread of its own. */
	void resumeReading() {
		Thread reader = new Thread(this::read, "raw-websocket-" + this.sid);
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Waits for the server's Close frame.
	 * @return its status code
	 * @throws java.util.concurrent.ExecutionException when the connection ended without one
	 */
	int awaitClose() throws Exception {
		return this.closeStatus.get(15, TimeUnit.SECONDS);
	}

	/**
	 * Waits for the server to end the connection.
	 * @return {@code true} for an orderly end of stream, {@code false} for a reset
	 */
	boolean awaitEnd() throws Exception {
		return this.ended.get(15, TimeUnit.SECONDS);
	}

	/** Whether the connection has ended, in order or by a reset. */
	boolean hasEnded() {
		return this.ended.isDone();
	}

	/** The text messages received, Engine.IO pings excepted. */
	List<String> messages() {
		return this.messages;
	}

	private void read() {
		try {
			ByteArrayOutputStream message = new ByteArrayOutputStream();
			while (true) {
				int first = this.in.read();
				if (first < 0) {
					this.closeStatus.completeExceptionally(new IOException("Ended without a Close frame"));
					this.ended.complete(true);
					return;
				}
				int opcode = first & 0x0F;
				byte[] payload = readPayload(this.in);
				if (opcode == TEXT || opcode == CONTINUATION) {
					message.write(payload);
					if ((first & 0x80) != 0) {
						onMessage(message.toString(StandardCharsets.UTF_8));
						message.reset();
					}
				}
				else if (opcode == PING) {
					writeQuietly(PONG, payload);
				}
				else if (opcode == CLOSE) {
					this.closeStatus.complete((payload.length >= 2) ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005);
					// RFC 6455 5.5.1: a Close back, and no data frame after it (a sending
					// thread's next fragment must not slip in before the end of the output);
					// the server then ends the TCP connection
					synchronized (this.out) {
						writeQuietly(CLOSE, (payload.length >= 2) ? new byte[] { payload[0], payload[1] } : new byte[0]);
						shutdownOutputQuietly();
					}
				}
			}
		}
		catch (IOException ex) {
			this.closeStatus.completeExceptionally(ex);
			this.ended.complete(false);
		}
	}

	private void onMessage(String text) {
		if ("2".equals(text)) {
			writeQuietly(TEXT, "3".getBytes(StandardCharsets.US_ASCII));
		}
		else {
			this.messages.add(text);
		}
	}

	private void write(int opcode, boolean last, byte[] payload) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
		frame.write((last ? 0x80 : 0) | opcode);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length < 65536) {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length);
		}
		else {
			frame.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) ((long) payload.length >>> shift));
			}
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.write(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i & 3]);
		}
		// frames whole and in order, whichever thread writes
		synchronized (this.out) {
			frame.writeTo(this.out);
			this.out.flush();
		}
	}

	private void writeQuietly(int opcode, byte[] payload) {
		try {
			write(opcode, true, payload);
		}
		catch (IOException ex) {
			// the reading side tells how the connection ended
		}
	}

	private void shutdownOutputQuietly() {
		try {
			synchronized (this.out) {
				this.socket.shutdownOutput();
			}
		}
		catch (IOException ex) {
			// the reading side tells how the connection ended
		}
	}

	private static String readText(InputStream in) throws IOException {
		int first = in.read();
		if (first < 0) {
			throw new IOException("Connection closed");
		}
		if ((first & 0x0F) != TEXT) {
			throw new IOException("Not a text frame: " + first);
		}
		return new String(readPayload(in), StandardCharsets.UTF_8);
	}

	private static byte[] readPayload(InputStream in) throws IOException {
		int second = readByte(in);
		long length = second & 0x7F;
		if (length == 126) {
			length = (readByte(in) << 8) | readByte(in);
		}
		else if (length == 127) {
			length = 0;
			for (int i = 0; i < 8; i++) {
				length = (length << 8) | readByte(in);
			}
		}
		byte[] payload = in.readNBytes((int) length);
		if (payload.length < length) {
			throw new IOException("Connection closed within a frame");
		}
		return payload;
	}

	private static int readByte(InputStream in) throws IOException {
		int b = in.read();
		if (b < 0) {
			throw new IOException("Connection closed within a frame");
		}
		return b;
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closed already
		}
	}

}

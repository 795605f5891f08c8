package dev.clusteradapter.cluster.sticky;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A bare TCP client speaking hand-written HTTP, for what real clients never send.
 */
final class RawHttpConnection implements AutoCloseable {

	private final Socket socket;

	RawHttpConnection(InetSocketAddress address) throws IOException {
		this.socket = new Socket(address.getAddress(), address.getPort());
		this.socket.setSoTimeout(10_000);
	}

	RawHttpConnection send(String request) throws IOException {
		return send(request.getBytes(StandardCharsets.ISO_8859_1));
	}

	RawHttpConnection send(byte[] bytes) throws IOException {
		this.socket.getOutputStream().write(bytes);
		this.socket.getOutputStream().flush();
		return this;
	}

	/**
	 * Reads one response: head, then a body of its Content-Length.
	 */
	String readResponse() throws IOException {
		InputStream in = this.socket.getInputStream();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("Closed after " + head.size() + " bytes: " + head);
			}
			head.write(b);
		}
		String text = head.toString(StandardCharsets.ISO_8859_1);
		int length = 0;
		for (String line : text.split("\r\n")) {
			if (line.toLowerCase().startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(15).trim());
			}
		}
		return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
	}

	/**
	 * Whether the peer closed the connection (end of stream or reset) within the socket timeout.
	 */
	boolean closedByPeer() throws IOException {
		try {
			return this.socket.getInputStream().read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	RawHttpConnection timeout(int millis) throws IOException {
		this.socket.setSoTimeout(millis);
		return this;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}

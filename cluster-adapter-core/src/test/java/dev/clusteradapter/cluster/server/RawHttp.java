package dev.clusteradapter.cluster.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One HTTP/1.1 exchange over a plain socket, where every header can be seen as sent. */
final class RawHttp {

	private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

	private RawHttp() {
	}

	/**
	 * Sends one request, reads the response and whether the server then closed the
	 * connection.
	 * @param port the server port on loopback
	 * @param request the request, head and body, CRLF line ends
	 * @return the response
	 */
	static Response exchange(int port, String request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			String head = readHead(in);
			int length = contentLength(head);
			byte[] body = in.readNBytes(Math.max(length, 0));
			boolean closed;
			try {
				closed = in.read() == -1;
			}
			catch (java.net.SocketTimeoutException ex) {
				closed = false;
			}
			return new Response(head, new String(body, StandardCharsets.UTF_8), closed);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Opens an Engine.IO session over polling and connects it to the default namespace.
	 * @param port the server port on loopback
	 * @return the session id
	 */
	static String openPollingSession(int port) {
		Response open = exchange(port, "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
		Matcher sid = SID.matcher(open.body());
		if (!sid.find()) {
			throw new IllegalStateException("No session id in " + open);
		}
		Response connect = exchange(port, "POST /socket.io/?EIO=4&transport=polling&sid=" + sid.group(1)
				+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n40");
		if (!"ok".equals(connect.body())) {
			throw new IllegalStateException("Namespace connect refused: " + connect);
		}
		return sid.group(1);
	}

	/**
	 * One long-poll of a session.
	 * @param port the server port on loopback
	 * @param sid the session id
	 * @return the response
	 */
	static Response poll(int port, String sid) {
		return exchange(port, "GET /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
	}

	/** Reads a response head, up to and with its empty line. */
	static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		while (matched < end.length) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("Connection closed within the response head: " + head);
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == end[0]) ? 1 : 0);
		}
		return head.toString(StandardCharsets.UTF_8);
	}

	private static int contentLength(String head) {
		for (String line : head.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				return Integer.parseInt(line.substring("content-length:".length()).trim());
			}
		}
		return -1;
	}

	/**
	 * A response.
	 * @param head status line and headers
	 * @param body the body, as text
	 * @param closedByServer whether the server closed the connection after it
	 */
	record Response(String head, String body, boolean closedByServer) {

		String header(String name) {
			for (String line : this.head.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
					return line.substring(colon + 1).trim();
				}
			}
			return null;
		}

	}

}

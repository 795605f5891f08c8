package dev.clusteradapter.cluster.server;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A polling request whose body stalls is closed once the first-data timeout has passed,
 * so that a slow or silent client cannot hold a connection of the worker for ever, and the
 * session and the server live on.
 */
class StalledRequestTests {

	@Test
	void pollingBodyThatStallsIsClosedAfterTheFirstDataTimeout() throws Exception {
		try (ProbeServer server = ProbeServer.start(); Socket socket = new Socket()) {
			Duration timeout = Duration.ofMillis(server.server().getConfiguration().getFirstDataTimeout());
			String sid = RawHttp.openPollingSession(server.port());
			socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
			socket.setSoTimeout((int) timeout.multipliedBy(4).toMillis());
			// announces 100 bytes, sends 2 of them, then nothing
			socket.getOutputStream()
				.write(("POST /socket.io/?EIO=4&transport=polling&sid=" + sid
						+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n40")
					.getBytes(StandardCharsets.US_ASCII));
			long start = System.nanoTime();
			InputStream in = socket.getInputStream();
			assertThat(in.read()).as("closed without an answer").isEqualTo(-1);
			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			assertThat(waited).isGreaterThanOrEqualTo(timeout.minusMillis(500)).isLessThan(timeout.multipliedBy(3));
			assertThat(RawHttp.poll(server.port(), sid).head()).startsWith("HTTP/1.1 200");
			server.assertServesEveryTransport();
		}
	}

}

package dev.clusteradapter.cluster.socketio;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.server.ClusteredSocketIOServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EngineIoSession} against a real netty-socketio server and the official
 * Java client: one connection in two namespaces is one session, whichever namespace's client
 * it is read from.
 */
class EngineIoSessionTests {

	@Test
	void clientsOfOneConnectionInTwoNamespacesAreOneSession() throws Exception {
		Configuration configuration = ClusteredSocketIOServer.newConfiguration();
		configuration.setHostname("127.0.0.1");
		configuration.setPort(0);
		ClusteredSocketIOServer server = new ClusteredSocketIOServer(configuration, false);
		server.addNamespace("/chat");
		server.start();
		Socket main = null;
		Socket chat = null;
		try {
			IO.Options options = IO.Options.builder()
				.setTransports(new String[] { "polling" })
				.setReconnection(false)
				.build();
			Manager manager = new Manager(URI.create("http://127.0.0.1:" + server.getPort()), options);
			main = connect(manager.socket("/", options));
			chat = connect(manager.socket("/chat", options));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> server.getNamespace("").getAllClients().size() == 1
						&& server.getNamespace("/chat").getAllClients().size() == 1);
			SocketIOClient inMain = server.getNamespace("").getAllClients().iterator().next();
			SocketIOClient inChat = server.getNamespace("/chat").getAllClients().iterator().next();
			EngineIoSession fromMain = EngineIoSession.of(inMain);
			EngineIoSession fromChat = EngineIoSession.of(inChat);
			assertThat(fromMain).isEqualTo(fromChat).hasSameHashCodeAs(fromChat);
			assertThat(fromMain.lock()).isSameAs(fromChat.lock());
			assertThat(fromMain.sessionId()).isEqualTo(inMain.getSessionId()).isEqualTo(inChat.getSessionId());
			assertThat(fromMain.isV4()).isTrue();
			assertThat(fromMain.currentTransport()).isEqualTo(Transport.POLLING);
		}
		finally {
			// the manager closes its connection with its last socket
			for (Socket socket : new Socket[] { main, chat }) {
				if (socket != null) {
					socket.close();
				}
			}
			server.stop();
		}
	}

	private static Socket connect(Socket socket) throws Exception {
		CompletableFuture<Void> connected = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(null));
		socket.connect();
		connected.get(20, TimeUnit.SECONDS);
		return socket;
	}

}

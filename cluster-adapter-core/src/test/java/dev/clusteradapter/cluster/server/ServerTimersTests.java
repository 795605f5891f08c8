package dev.clusteradapter.cluster.server;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * netty-socketio's timers (here the pings that keep a client's connection alive) run on the
 * server's event loops: the server starts no timer thread of its own, one that would wake ten
 * times a second at rest.
 */
class ServerTimersTests {

	@ParameterizedTest
	@EnumSource(ClientTransports.class)
	void pingsKeepAClientConnectedWithoutATimerThread(ClientTransports transports) {
		assumeFalse(ProbeServer.UPSTREAM, "the starter's server only");
		Set<Long> timersBefore = timerThreads();
		try (ProbeServer server = ProbeServer.start((configuration) -> {
			configuration.setPingInterval(200);
			configuration.setPingTimeout(300);
		}, (clustered) -> {
		}); JavaClient client = JavaClient.connect(server.url(), transports)) {
			// a client that hears no ping for 500 ms drops its connection: 2 s connected is
			// several pings sent and answered
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(5))
				.until(() -> client.socket().connected());
			assertThat(client.emitWithAck("echo", "alive")).isEqualTo("alive");
			assertThat(timerThreads()).as("timer threads started by the server").isSubsetOf(timersBefore);
		}
	}

	private static Set<Long> timerThreads() {
		return Thread.getAllStackTraces()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().isAlive() && isTimerWorker(entry.getValue()))
			.map(Map.Entry::getKey)
			.map(Thread::getId)
			.collect(Collectors.toSet());
	}

	private static boolean isTimerWorker(StackTraceElement[] stack) {
		for (StackTraceElement frame : stack) {
			if (frame.getClassName().startsWith("io.netty.util.HashedWheelTimer")) {
				return true;
			}
		}
		return false;
	}

}

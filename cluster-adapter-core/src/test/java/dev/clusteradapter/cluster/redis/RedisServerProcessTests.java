package dev.clusteradapter.cluster.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * {@link RedisServerProcess}: a fresh Redis per test that outage tests can stop, kill and
 * bring back on the same port.
 */
class RedisServerProcessTests {

	@RegisterExtension
	final RedisServerProcess redis = new RedisServerProcess();

	@Test
	void answersOnLoopbackWithoutPersistence() {
		assertThat(this.redis.cli("PING")).isEqualTo("PONG");
		assertThat(this.redis.uri()).isEqualTo("redis://127.0.0.1:" + this.redis.port());
		assertThat(this.redis.cli("CONFIG", "GET", "bind")).endsWith("127.0.0.1");
		assertThat(this.redis.cli("CONFIG", "GET", "save")).isEqualTo("save");
		assertThat(this.redis.cli("CONFIG", "GET", "appendonly")).isEqualTo("appendonly\nno");
		assertThat(this.redis.cli("INFO", "server")).contains("redis_version:7.");
	}

	@Test
	void comesBackOnTheSamePortAfterAStopOrAKill() throws IOException {
		int port = this.redis.port();
		this.redis.cli("SET", "k", "v");
		this.redis.stop();
		assertThat(this.redis.isRunning()).isFalse();
		assertRefused(port);
		this.redis.start();
		assertThat(this.redis.port()).isEqualTo(port);
		// no persistence: a restart starts empty, as the outage tests assume
		assertThat(this.redis.cli("EXISTS", "k")).isEqualTo("0");
		this.redis.kill();
		assertRefused(port);
		this.redis.start();
		assertThat(this.redis.port()).isEqualTo(port);
		assertThat(this.redis.cli("PING")).isEqualTo("PONG");
	}

	@Test
	void closingStopsTheServer() throws IOException {
		RedisServerProcess own = RedisServerProcess.started();
		int port = own.port();
		assertThat(own.cli("PING")).isEqualTo("PONG");
		own.close();
		assertRefused(port);
	}

	private static void assertRefused(int port) {
		assertThatIOException().isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close());
	}

}

package dev.clusteradapter.cluster.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.corundumstudio.socketio.protocol.Packet;
import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.socketio.EncodedEventPacket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LimitedPacketQueue}: a polling session's packets wait up to the limit;
 * one more cuts the client off once, drops what waited and all that comes later.
 */
class LimitedPacketQueueTests {

	private final List<Long> cutOffs = new ArrayList<>();

	private final AtomicBoolean polling = new AtomicBoolean(true);

	private final LimitedPacketQueue queue = new LimitedPacketQueue(1000, this.polling::get, this.cutOffs::add);

	@Test
	void packetsWaitUpToTheLimitAndOneMoreCutsTheClientOffOnce() {
		for (int i = 0; i < 4; i++) {
			this.queue.offer(event(300));
		}
		assertThat(this.queue).as("past the limit, nothing more came yet").hasSize(4);
		assertThat(this.cutOffs).isEmpty();
		this.queue.offer(event(10));
		assertThat(this.queue.isCutOff()).isTrue();
		assertThat(this.queue).as("what waited is dropped").isEmpty();
		assertThat(this.cutOffs).singleElement().satisfies((waiting) -> assertThat(waiting).isGreaterThan(1000));
		this.queue.offer(event(10));
		assertThat(this.queue).as("and all that comes later").isEmpty();
		assertThat(this.cutOffs).hasSize(1);
	}

	@Test
	void takenPacketsMakeRoom() {
		for (int i = 0; i < 20; i++) {
			this.queue.offer(event(300));
			if (this.queue.size() > 2) {
				this.queue.poll();
			}
		}
		assertThat(this.cutOffs).isEmpty();
		assertThat(this.queue).hasSize(2);
	}

	@Test
	void noLimitOnceTheSessionNoLongerPolls() {
		this.polling.set(false);
		for (int i = 0; i < 10; i++) {
			this.queue.offer(event(300));
		}
		assertThat(this.cutOffs).isEmpty();
		assertThat(this.queue).hasSize(10);
	}

	private static Packet event(int size) {
		return EncodedEventPacket.of("", "e", List.of(("\"" + "x".repeat(size) + "\"").getBytes(StandardCharsets.UTF_8)),
				new boolean[] { false });
	}

}

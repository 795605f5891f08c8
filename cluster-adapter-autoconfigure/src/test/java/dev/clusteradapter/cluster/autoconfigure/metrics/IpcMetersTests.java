package dev.clusteradapter.cluster.autoconfigure.metrics;

import dev.clusteradapter.cluster.adapter.MessageType;
import dev.clusteradapter.cluster.ipc.IpcMetrics.Rejection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpcMeters}.
 */
class IpcMetersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final IpcMeters meters = new IpcMeters();

	@Test
	void countsFramesAndBytesByDirectionAndType() {
		this.meters.bindTo(this.registry);
		this.meters.frameIn(0x05, 20);
		this.meters.frameIn(0x05, 30);
		this.meters.frameOut(MessageType.BROADCAST.busType(), 100);
		assertThat(count("socketio.cluster.ipc.messages", "in", "heartbeat")).isEqualTo(2);
		assertThat(count("socketio.cluster.ipc.bytes", "in", "heartbeat")).isEqualTo(50);
		assertThat(count("socketio.cluster.ipc.messages", "out", "broadcast")).isEqualTo(1);
		assertThat(count("socketio.cluster.ipc.bytes", "out", "broadcast")).isEqualTo(100);
	}

	@Test
	void typeTagsStayWithinASmallSet() {
		assertThat(IpcMeters.typeTag(0x01)).isEqualTo("auth");
		assertThat(IpcMeters.typeTag(0x04)).isEqualTo("auth");
		assertThat(IpcMeters.typeTag(0x05)).isEqualTo("heartbeat");
		assertThat(IpcMeters.typeTag(0x07)).isEqualTo("peer");
		assertThat(IpcMeters.typeTag(0x0F)).isEqualTo("control");
		assertThat(IpcMeters.typeTag(MessageType.FETCH_SOCKETS.busType())).isEqualTo("fetch_sockets");
		this.meters.bindTo(this.registry);
		for (int type = 0; type <= 0xFFFF; type += 7) {
			this.meters.frameIn(type, 1);
		}
		this.meters.frameIn(0xFFFF, 1);
		assertThat(this.registry.find("socketio.cluster.ipc.messages").counters())
			.hasSizeLessThanOrEqualTo(5 + MessageType.values().length);
		assertThat(count("socketio.cluster.ipc.messages", "in", "other")).isGreaterThan(0);
	}

	@Test
	void countsFailures() {
		this.meters.bindTo(this.registry);
		this.meters.malformedFrame();
		this.meters.droppedFrame(0x20);
		this.meters.droppedFrame(0x20);
		this.meters.peerRejected(Rejection.BAD_PROOF);
		this.meters.peerRejected(Rejection.TIMEOUT);
		this.meters.peerRejected(Rejection.TIMEOUT);
		this.meters.linkClosedForBackPressure(3);
		assertThat(this.registry.get("socketio.cluster.ipc.malformed.frames").counter().count()).isEqualTo(1);
		assertThat(this.registry.get("socketio.cluster.ipc.dropped.frames").counter().count()).isEqualTo(2);
		assertThat(this.registry.get("socketio.cluster.ipc.rejected.peers").tag("reason", "bad_proof").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.get("socketio.cluster.ipc.rejected.peers").tag("reason", "timeout").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.get("socketio.cluster.ipc.backpressure.closes").counter().count()).isEqualTo(1);
	}

	@Test
	void framesBeforeBindingAreIgnored() {
		this.meters.frameIn(0x05, 10);
		this.meters.malformedFrame();
		this.meters.bindTo(this.registry);
		assertThat(this.registry.find("socketio.cluster.ipc.messages").counters()).isEmpty();
		assertThat(this.registry.get("socketio.cluster.ipc.malformed.frames").counter().count()).isZero();
	}

	private double count(String name, String direction, String type) {
		return this.registry.get(name).tags("direction", direction, "type", type).counter().count();
	}

}

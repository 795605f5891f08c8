package dev.clusteradapter.cluster.server;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A pending packet counts its attachments, and hides them from netty-socketio's decoder. */
class PendingBinaryPacketTests {

	@Test
	void completesWithTheAnnouncedNumberOfAttachments() {
		PendingBinaryPacket packet = new PendingBinaryPacket(Unpooled.EMPTY_BUFFER, 2);
		assertThat(packet.isComplete()).isFalse();
		assertThat(packet.add(new byte[] { 1 })).isFalse();
		assertThat(packet.add(new byte[] { 2 })).isTrue();
		assertThat(packet.attachments()).containsExactly(new byte[] { 1 }, new byte[] { 2 });
	}

	@Test
	void nettySocketIoDecoderSeesNoAttachmentsToWaitFor() {
		PendingBinaryPacket packet = new PendingBinaryPacket(Unpooled.EMPTY_BUFFER, 3);
		// netty-socketio's PacketDecoder takes frames as attachments only when this holds
		assertThat(packet.hasAttachments() && !packet.isAttachmentsLoaded()).isFalse();
	}

}

package dev.clusteradapter.cluster.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The type of the message being read follows its first frame, and every frame passes on. */
class BinaryFrameMarkerTests {

	@Test
	void marksTheMessageTypeOfTheFirstFrame() {
		EmbeddedChannel channel = new EmbeddedChannel(BinaryFrameMarker.INSTANCE);
		assertThat(BinaryFrameMarker.isBinary(channel)).isFalse();
		channel.writeInbound(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] { 1 })));
		assertThat(BinaryFrameMarker.isBinary(channel)).isTrue();
		channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[] { 2 })));
		assertThat(BinaryFrameMarker.isBinary(channel)).isTrue();
		channel.writeInbound(new TextWebSocketFrame("2"));
		assertThat(BinaryFrameMarker.isBinary(channel)).isFalse();
		assertThat(channel.inboundMessages()).hasSize(3);
		assertThat(channel.releaseInbound()).isTrue();
		assertThat(channel.finish()).isFalse();
	}

}

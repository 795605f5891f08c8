package dev.clusteradapter.cluster.ipc;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpcFrameCodec}.
 */
class IpcFrameCodecTests {

	private static final int MAX = 64 * 1024;

	private final CountingIpcMetrics metrics = new CountingIpcMetrics();

	private final EmbeddedChannel channel = new EmbeddedChannel(new IpcFrameCodec(MAX, this.metrics));

	@Test
	void roundTripKeepsEveryField() {
		ByteBuf wire = encode(new IpcFrame(0x1234, 7, IpcFrame.ALL, utf8("hello")));
		assertThat(this.channel.writeInbound(wire)).isTrue();
		IpcFrame decoded = this.channel.readInbound();
		try {
			assertThat(decoded.type()).isEqualTo(0x1234);
			assertThat(decoded.source()).isEqualTo(7);
			assertThat(decoded.target()).isEqualTo(IpcFrame.ALL);
			assertThat(decoded.content().toString(StandardCharsets.UTF_8)).isEqualTo("hello");
		}
		finally {
			decoded.release();
		}
		assertThat(this.channel.finish()).isFalse();
	}

	@Test
	void headerMatchesTheDocumentedLayout() {
		ByteBuf wire = encode(new IpcFrame(0x10, 3, 0, utf8("ab")));
		try {
			assertThat(ByteBufUtil.hexDump(wire)).isEqualTo("5349" + "01" + "00" + "00000002" + "0010" + "00000003"
					+ "00000000" + "6162");
		}
		finally {
			wire.release();
		}
	}

	@Test
	void largePayloadIsWrittenWithoutCopy() {
		ByteBuf payload = Unpooled.wrappedBuffer(new byte[10_000]);
		assertThat(this.channel.writeOutbound(new IpcFrame(0x10, 1, 2, payload))).isTrue();
		ByteBuf header = this.channel.readOutbound();
		ByteBuf body = this.channel.readOutbound();
		try {
			assertThat(header.readableBytes()).isEqualTo(IpcFrameCodec.HEADER_LENGTH);
			assertThat(body.unwrap()).isSameAs(payload.unwrap());
		}
		finally {
			header.release();
			body.release();
		}
		assertThat(payload.refCnt()).isZero();
	}

	@Test
	void frameSplitIntoSingleBytesIsReassembled() {
		ByteBuf wire = encode(new IpcFrame(0x42, 1, 2, utf8("split across many reads")));
		while (wire.isReadable()) {
			this.channel.writeInbound(wire.readRetainedSlice(1));
		}
		wire.release();
		IpcFrame decoded = this.channel.readInbound();
		assertThat(decoded.content().toString(StandardCharsets.UTF_8)).isEqualTo("split across many reads");
		decoded.release();
		assertThat(this.channel.finish()).isFalse();
	}

	@Test
	void severalFramesInOneReadAreAllDecodedInOrder() {
		CompositeByteBuf wire = Unpooled.compositeBuffer();
		for (int i = 0; i < 5; i++) {
			wire.addComponent(true, encode(new IpcFrame(0x10 + i, 1, 2, utf8("m" + i))));
		}
		this.channel.writeInbound(wire);
		for (int i = 0; i < 5; i++) {
			IpcFrame decoded = this.channel.readInbound();
			assertThat(decoded.type()).isEqualTo(0x10 + i);
			assertThat(decoded.content().toString(StandardCharsets.UTF_8)).isEqualTo("m" + i);
			decoded.release();
		}
		assertThat(this.channel.finish()).isFalse();
	}

	@Test
	void emptyPayloadIsAllowed() {
		this.channel.writeInbound(encode(new IpcFrame(FrameType.HEARTBEAT, 1, 0, Unpooled.EMPTY_BUFFER)));
		IpcFrame decoded = this.channel.readInbound();
		assertThat(decoded.content().readableBytes()).isZero();
		decoded.release();
		assertThat(this.channel.finish()).isFalse();
	}

	@Test
	void decodedPayloadIsReleasedWithItsFrame() {
		this.channel.writeInbound(encode(new IpcFrame(0x10, 1, 2, utf8("payload"))));
		IpcFrame decoded = this.channel.readInbound();
		assertThat(decoded.release()).isTrue();
		assertThat(this.channel.finish()).isFalse();
	}

	@Test
	void oversizedFrameClosesTheChannelAndIsCounted() {
		ByteBuf wire = encode(new IpcFrame(0x10, 1, 2, Unpooled.wrappedBuffer(new byte[MAX])));
		this.channel.writeInbound(wire);
		assertThat((Object) this.channel.readInbound()).isNull();
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.metrics.malformed).hasValue(1);
	}

	@Test
	void wrongMagicClosesTheChannelAndIsCounted() {
		ByteBuf wire = encode(new IpcFrame(0x10, 1, 2, utf8("x")));
		wire.setShort(0, 0x4854);
		this.channel.writeInbound(wire);
		assertThat((Object) this.channel.readInbound()).isNull();
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.metrics.malformed).hasValue(1);
	}

	@Test
	void wrongVersionClosesTheChannelAndIsCounted() {
		ByteBuf wire = encode(new IpcFrame(0x10, 1, 2, utf8("x")));
		wire.setByte(2, 2);
		this.channel.writeInbound(wire);
		assertThat((Object) this.channel.readInbound()).isNull();
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.metrics.malformed).hasValue(1);
	}

	@Test
	void negativeLengthClosesTheChannelAndIsCounted() {
		ByteBuf wire = encode(new IpcFrame(0x10, 1, 2, utf8("x")));
		wire.setInt(IpcFrameCodec.LENGTH_OFFSET, -5);
		this.channel.writeInbound(wire);
		assertThat((Object) this.channel.readInbound()).isNull();
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.metrics.malformed).hasValue(1);
	}

	@Test
	void goodFramesBeforeABadOneAreDeliveredAndNothingAfterIt() {
		CompositeByteBuf wire = Unpooled.compositeBuffer();
		wire.addComponent(true, encode(new IpcFrame(0x10, 1, 2, utf8("good"))));
		wire.addComponent(true, Unpooled.wrappedBuffer(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
		wire.addComponent(true, encode(new IpcFrame(0x10, 1, 2, utf8("after"))));
		this.channel.writeInbound(wire);
		IpcFrame first = this.channel.readInbound();
		assertThat(first.content().toString(StandardCharsets.UTF_8)).isEqualTo("good");
		first.release();
		assertThat((Object) this.channel.readInbound()).isNull();
		assertThat(this.channel.isOpen()).isFalse();
	}

	private static ByteBuf utf8(String text) {
		return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
	}

	static ByteBuf encode(IpcFrame frame) {
		EmbeddedChannel encoder = new EmbeddedChannel(new IpcFrameEncoder());
		encoder.writeOutbound(frame);
		CompositeByteBuf wire = Unpooled.compositeBuffer();
		ByteBuf part;
		while ((part = encoder.readOutbound()) != null) {
			wire.addComponent(true, part);
		}
		encoder.finish();
		return wire;
	}

}

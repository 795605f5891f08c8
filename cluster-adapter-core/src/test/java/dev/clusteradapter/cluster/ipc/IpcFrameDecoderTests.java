package dev.clusteradapter.cluster.ipc;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests for {@link IpcFrameDecoder}: whatever arrives, no exception reaches the
 * pipeline, no buffer leaks, and a bad stream closes the channel.
 */
class IpcFrameDecoderTests {

	private static final int MAX = 4096;

	@RepeatedTest(200)
	void randomBytesNeverEscapeAsAnException() {
		Random random = new Random();
		long seed = random.nextLong();
		random.setSeed(seed);
		byte[] garbage = new byte[random.nextInt(2 * MAX)];
		random.nextBytes(garbage);
		if (random.nextBoolean() && garbage.length > 3) {
			// Half the time make it past the magic and version check, to reach the length.
			garbage[0] = 0x53;
			garbage[1] = 0x49;
			garbage[2] = 0x01;
		}
		Harness harness = new Harness();
		feedInRandomChunks(harness.channel, garbage, random);
		harness.assertNoExceptionAndNoLeak("seed " + seed);
	}

	@RepeatedTest(50)
	void truncatedFrameIsNotDeliveredAndNothingLeaks() {
		Random random = new Random();
		byte[] payload = new byte[random.nextInt(1000)];
		ByteBuf wire = IpcFrameCodecTests.encode(new IpcFrame(0x20, 1, 2, Unpooled.wrappedBuffer(payload)));
		int cut = random.nextInt(wire.readableBytes());
		Harness harness = new Harness();
		harness.channel.writeInbound(wire.retainedSlice(0, cut));
		wire.release();
		assertThat(harness.frames).isEmpty();
		assertThat(harness.channel.finish()).isFalse();
		harness.assertNoExceptionAndNoLeak("cut at " + cut);
	}

	@Test
	void absurdLengthsCloseTheChannel() {
		for (int length : new int[] { Integer.MAX_VALUE, Integer.MIN_VALUE, -1, MAX, MAX * 1000 }) {
			Harness harness = new Harness();
			ByteBuf header = Unpooled.buffer();
			header.writeShort(IpcFrameCodec.MAGIC).writeByte(IpcFrameCodec.VERSION).writeByte(0).writeInt(length);
			header.writeZero(10);
			harness.channel.writeInbound(header);
			assertThat(harness.channel.isOpen()).as("length %d", length).isFalse();
			assertThat(harness.metrics.malformed).as("length %d", length).hasValue(1);
			harness.assertNoExceptionAndNoLeak("length " + length);
		}
	}

	@Test
	void aGoodFrameBehindGarbageInTheSameReadIsNotDelivered() {
		Harness harness = new Harness();
		ByteBuf wire = Unpooled.buffer();
		wire.writeBytes(new byte[] { 0, 0, 0, 0 });
		ByteBuf good = IpcFrameCodecTests.encode(new IpcFrame(0x20, 1, 2, Unpooled.EMPTY_BUFFER));
		wire.writeBytes(good);
		good.release();
		harness.channel.writeInbound(wire);
		assertThat(harness.channel.isOpen()).isFalse();
		assertThat(harness.frames).isEmpty();
		assertThat(wire.refCnt()).isZero();
		harness.assertNoExceptionAndNoLeak("garbage first");
	}

	private static void feedInRandomChunks(EmbeddedChannel channel, byte[] bytes, Random random) {
		int offset = 0;
		while (offset < bytes.length && channel.isOpen()) {
			int chunk = 1 + random.nextInt(Math.min(bytes.length - offset, 512));
			channel.writeInbound(Unpooled.copiedBuffer(bytes, offset, chunk));
			offset += chunk;
		}
		channel.finish();
	}

	private static final class Harness {

		final CountingIpcMetrics metrics = new CountingIpcMetrics();

		final List<IpcFrame> frames = new ArrayList<>();

		final AtomicReference<Throwable> exception = new AtomicReference<>();

		final EmbeddedChannel channel = new EmbeddedChannel(new IpcFrameDecoder(MAX, this.metrics),
				new ChannelInboundHandlerAdapter() {
					@Override
					public void channelRead(ChannelHandlerContext ctx, Object msg) {
						Harness.this.frames.add((IpcFrame) msg);
					}

					@Override
					public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
						Harness.this.exception.set(cause);
					}
				});

		void assertNoExceptionAndNoLeak(String description) {
			assertThat(this.exception.get()).as(description).isNull();
			for (IpcFrame frame : this.frames) {
				assertThat(frame.content().readableBytes()).as(description).isLessThanOrEqualTo(MAX);
				ReferenceCountUtil.release(frame);
				assertThat(frame.refCnt()).as(description).isZero();
			}
			this.channel.finishAndReleaseAll();
		}

	}

}

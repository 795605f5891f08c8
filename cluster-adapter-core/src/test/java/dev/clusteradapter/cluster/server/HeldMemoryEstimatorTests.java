package dev.clusteradapter.cluster.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.MessageSizeEstimator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HeldMemoryEstimator}: what waits counts with the memory it holds.
 */
class HeldMemoryEstimatorTests {

	private final MessageSizeEstimator.Handle estimator = HeldMemoryEstimator.INSTANCE.newHandle();

	@Test
	void pooledBufferCountsItsSizeClass() {
		ByteBuf buf = new PooledByteBufAllocator(true).directBuffer(10_264);
		try {
			buf.writeZero(10_264);
			assertThat(this.estimator.size(buf)).isEqualTo(12 * 1024);
		}
		finally {
			buf.release();
		}
	}

	@Test
	void wrappedBytesCountWhatTheyCarry() {
		assertThat(this.estimator.size(Unpooled.wrappedBuffer(new byte[777]))).isEqualTo(777);
	}

	@Test
	void partlyWrittenBufferCountsWhatItStillCarries() {
		ByteBuf buf = Unpooled.wrappedBuffer(new byte[100]);
		buf.skipBytes(60);
		assertThat(this.estimator.size(buf)).isEqualTo(100);
		assertThat(this.estimator.size("not a buffer")).isEqualTo(8);
	}

}

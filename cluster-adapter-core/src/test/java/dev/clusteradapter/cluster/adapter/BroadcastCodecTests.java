package dev.clusteradapter.cluster.adapter;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.adapter.AdapterMessage.Broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link BroadcastCodec}.
 */
class BroadcastCodecTests {

	private static final EncodedArgs ARGS = new EncodedArgs(
			new byte[] { EncodedArgs.JSON, EncodedArgs.BINARY, EncodedArgs.CBOR },
			List.of("{\"é\":\"ü\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), new byte[] { 0, (byte) 0xff },
					new byte[] { (byte) 0xa0 }));

	@Test
	void roundTripWithAck() {
		Broadcast sent = new Broadcast(new BroadcastTarget("/chat", List.of("r1", "räum"), List.of("muted"), true), "news",
				ARGS, 42L, 1500L);
		Broadcast received = BroadcastCodec.decode(BroadcastCodec.encode(sent));
		assertThat(received.target()).isEqualTo(sent.target());
		assertThat(received.event()).isEqualTo("news");
		assertThat(received.requestId()).isEqualTo(42L);
		assertThat(received.ackTimeoutMillis()).isEqualTo(1500L);
		assertThat(received.args().kinds()).isEqualTo(ARGS.kinds());
		for (int i = 0; i < ARGS.size(); i++) {
			assertThat(received.args().values().get(i)).isEqualTo(ARGS.values().get(i));
		}
	}

	@Test
	void roundTripWithoutAckOrArguments() {
		Broadcast sent = new Broadcast(new BroadcastTarget("/", List.of(), List.of(), false), "ping",
				new EncodedArgs(new byte[0], List.of()), null, null);
		byte[] bytes = BroadcastCodec.encode(sent);
		Broadcast received = BroadcastCodec.decode(bytes);
		assertThat(received.requestId()).isNull();
		assertThat(received.target().volatileOnly()).isFalse();
		assertThat(received.args().size()).isZero();
		// flags, "/", no rooms, no except, "ping", no args
		assertThat(bytes).hasSize(1 + 3 + 2 + 2 + 6 + 2);
	}

	@Test
	void recoverableBroadcastKeepsItsOffset() {
		Broadcast sent = new Broadcast(BroadcastTarget.room("/", "r"), "e", ARGS, null, null, "k3f9.1z");
		Broadcast received = BroadcastCodec.decode(BroadcastCodec.encode(sent));
		assertThat(received.offset()).isEqualTo("k3f9.1z");
		assertThat(received.event()).isEqualTo("e");
		assertThat(received.args().size()).isEqualTo(ARGS.size());
		assertThat(BroadcastCodec.decode(BroadcastCodec.encode(new Broadcast(BroadcastTarget.room("/", "r"), "e", ARGS,
				null, null))).offset()).isNull();
	}

	@Test
	void truncatedOrPaddedPayloadIsRejected() {
		byte[] bytes = BroadcastCodec.encode(new Broadcast(BroadcastTarget.room("/", "r"), "e", ARGS, null, null));
		for (int length = 0; length < bytes.length; length++) {
			byte[] truncated = Arrays.copyOf(bytes, length);
			assertThatThrownBy(() -> BroadcastCodec.decode(truncated)).isInstanceOf(RuntimeException.class);
		}
		assertThatThrownBy(() -> BroadcastCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
			.isInstanceOf(IllegalArgumentException.class);
	}

}

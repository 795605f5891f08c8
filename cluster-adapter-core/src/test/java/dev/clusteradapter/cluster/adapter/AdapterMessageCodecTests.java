package dev.clusteradapter.cluster.adapter;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.ClusterBus;
import dev.clusteradapter.cluster.adapter.AdapterMessage.AdapterClose;
import dev.clusteradapter.cluster.adapter.AdapterMessage.Broadcast;
import dev.clusteradapter.cluster.adapter.AdapterMessage.BroadcastAck;
import dev.clusteradapter.cluster.adapter.AdapterMessage.BroadcastClientCount;
import dev.clusteradapter.cluster.adapter.AdapterMessage.FetchSocketsResponse;
import dev.clusteradapter.cluster.adapter.AdapterMessage.SocketDescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link AdapterMessageCodec}.
 */
class AdapterMessageCodecTests {

	private final AdapterMessageCodec codec = new AdapterMessageCodec();

	@Test
	void broadcastRoundTripKeepsEncodedArgumentsByteForByte() {
		EncodedArgs args = new EncodedArgs(new byte[] { EncodedArgs.JSON, EncodedArgs.BINARY },
				List.of("{\"a\":1}".getBytes(), new byte[] { (byte) 0xff, 0 }));
		Broadcast sent = new Broadcast(new BroadcastTarget("/chat", List.of("r1"), List.of("muted"), true), "news", args,
				7L, 5000L);
		MessageType type = this.codec.typeOf(sent);
		Broadcast received = (Broadcast) this.codec.decode(type, this.codec.encode(sent));
		assertThat(type).isEqualTo(MessageType.BROADCAST);
		assertThat(received.target()).isEqualTo(sent.target());
		assertThat(received.event()).isEqualTo("news");
		assertThat(received.requestId()).isEqualTo(7L);
		assertThat(received.args().kinds()).containsExactly(EncodedArgs.JSON, EncodedArgs.BINARY);
		assertThat(received.args().values().get(0)).isEqualTo("{\"a\":1}".getBytes());
		assertThat(received.args().values().get(1)).containsExactly((byte) 0xff, (byte) 0);
	}

	@Test
	void broadcastWithoutAckOmitsTheRequestFields() {
		Broadcast sent = new Broadcast(BroadcastTarget.room("/", "r"), "e", new EncodedArgs(new byte[0], List.of()), null,
				null);
		Broadcast received = (Broadcast) this.codec.decode(MessageType.BROADCAST, this.codec.encode(sent));
		assertThat(received.requestId()).isNull();
		assertThat(new String(this.codec.encode(sent))).doesNotContain("requestId");
	}

	@Test
	void responsesCarryPlainValuesAndBinary() {
		BroadcastAck ack = (BroadcastAck) this.codec.decode(MessageType.BROADCAST_ACK,
				this.codec.encode(new BroadcastAck(3, Map.of("ok", true, "blob", new byte[] { 1 }), false)));
		Map<?, ?> response = (Map<?, ?>) ack.response();
		assertThat(response.get("ok")).isEqualTo(true);
		assertThat(response.get("blob")).isEqualTo(new byte[] { 1 });
	}

	@Test
	void ackMessagesNameTheirSockets() {
		BroadcastClientCount count = (BroadcastClientCount) this.codec.decode(MessageType.BROADCAST_CLIENT_COUNT,
				this.codec.encode(new BroadcastClientCount(4, 2, List.of("s1", "s2"))));
		assertThat(count).isEqualTo(new BroadcastClientCount(4, 2, List.of("s1", "s2")));
		BroadcastAck ack = (BroadcastAck) this.codec.decode(MessageType.BROADCAST_ACK,
				this.codec.encode(new BroadcastAck(4, "yes", false, "s2")));
		assertThat(ack).isEqualTo(new BroadcastAck(4, "yes", false, "s2"));
		BroadcastAck missing = (BroadcastAck) this.codec.decode(MessageType.BROADCAST_ACK,
				this.codec.encode(new BroadcastAck(4, null, true, "s1")));
		assertThat(missing.missing()).isTrue();
		assertThat(missing.socketId()).isEqualTo("s1");
	}

	@Test
	void fetchedSocketsRoundTripWithTheirEncodedHandshakeAndDataUntouched() throws Exception {
		SocketHandshake handshake = new SocketHandshake("127.0.0.1", Map.of("host", List.of("h")), Map.of("EIO", List.of("4")),
				"now", 1L, "/socket.io/", false, null);
		byte[] encodedHandshake = this.codec.mapper().writeValueAsBytes(handshake);
		byte[] encodedData = this.codec.mapper().writeValueAsBytes(Map.of("user", "bob"));
		SocketDescription socket = new SocketDescription("id", List.of("id", "r"), encodedHandshake, encodedData);
		FetchSocketsResponse response = (FetchSocketsResponse) this.codec.decode(MessageType.FETCH_SOCKETS_RESPONSE,
				this.codec.encode(new FetchSocketsResponse(9, "/", List.of(socket))));
		assertThat(response.sockets()).hasSize(1);
		SocketDescription received = response.sockets().get(0);
		assertThat(received.id()).isEqualTo("id");
		assertThat(received.rooms()).containsExactly("id", "r");
		assertThat(received.handshake()).isEqualTo(encodedHandshake);
		assertThat(received.data()).isEqualTo(encodedData);
		assertThat(this.codec.mapper().readValue(received.handshake(), SocketHandshake.class)).isEqualTo(handshake);
	}

	@Test
	void emptyMessageEncodes() {
		assertThat(this.codec.decode(MessageType.ADAPTER_CLOSE, this.codec.encode(new AdapterClose())))
			.isInstanceOf(AdapterClose.class);
	}

	@Test
	void typesStartAtTheFirstApplicationTypeOfTheBus() {
		assertThat(MessageType.INITIAL_HEARTBEAT.busType()).isEqualTo(ClusterBus.FIRST_APPLICATION_TYPE);
		assertThat(MessageType.fromBusType(MessageType.MEMBERSHIP.busType())).isEqualTo(MessageType.MEMBERSHIP);
		assertThat(MessageType.fromBusType(ClusterBus.FIRST_APPLICATION_TYPE - 1)).isNull();
		assertThat(this.codec.decode(MessageType.HEARTBEAT, new byte[0])).isNull();
	}

	@Test
	void malformedPayloadFails() {
		assertThatThrownBy(() -> this.codec.decode(MessageType.BROADCAST, new byte[] { (byte) 0xff, 1, 2 }))
			.isInstanceOf(RuntimeException.class);
	}

}

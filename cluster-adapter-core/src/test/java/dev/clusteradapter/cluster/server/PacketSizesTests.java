package dev.clusteradapter.cluster.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.socketio.EncodedEventPacket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PacketSizes}: exact for a broadcast's written bytes, close enough for a
 * packet written later.
 */
class PacketSizesTests {

	@Test
	void encodedEventCountsItsBytesAndItsAttachmentsAsPollingCarriesThem() {
		byte[] text = "\"hello\"".getBytes(StandardCharsets.UTF_8);
		EncodedEventPacket packet = EncodedEventPacket.of("", "e", List.of(text, new byte[300]),
				new boolean[] { false, true });
		assertThat(PacketSizes.of(packet)).isEqualTo(packet.text().length + 400 + 2);
	}

	@Test
	void otherPacketsAreEstimatedFromTheirArguments() {
		Packet packet = event(List.of("x".repeat(10_000), Map.of("key", new byte[3000]), 42));
		assertThat(PacketSizes.of(packet)).isBetween(14_000L, 14_200L);
	}

	@Test
	void largeAndDeepArgumentsStayCheapAndCounted() {
		List<Object> many = new ArrayList<>(Collections.nCopies(100_000, "abcd"));
		assertThat(PacketSizes.of(event(List.of(many)))).isBetween(600_000L, 800_000L);
		Object deep = "leaf";
		for (int i = 0; i < 100; i++) {
			deep = List.of(deep);
		}
		assertThat(PacketSizes.of(event(List.of(deep)))).isPositive();
	}

	private static Packet event(List<Object> arguments) {
		Packet packet = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
		packet.setSubType(PacketType.EVENT);
		packet.setName("event");
		packet.setData(arguments);
		return packet;
	}

}

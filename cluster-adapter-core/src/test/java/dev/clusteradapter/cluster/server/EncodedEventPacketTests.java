package dev.clusteradapter.cluster.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.socketio.EncodedEventPacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link EncodedEventPacket}, beside this package's {@link PacketSerializer}: an event
 * encoded once reads exactly as the same event serialised for each client.
 */
class EncodedEventPacketTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final PacketSerializer serializer = new PacketSerializer(new ClusterJsonSupport());

	@Test
	void jsonArgumentsInTheDefaultNamespaceMatchThePerClientEncoding() throws IOException {
		List<Object> args = List.of(Map.of("seq", 1, "text", "héllo \"quoted\""), 42, "x");
		EncodedEventPacket packet = encode("", "broadcast", args);
		assertThat(new String(packet.text(), StandardCharsets.UTF_8)).isEqualTo(serialised("", "broadcast", args));
		assertThat(packet.attachments()).isEmpty();
	}

	@Test
	void namespaceAndAnEventNameThatNeedsEscaping() throws IOException {
		List<Object> args = List.of(true);
		EncodedEventPacket packet = encode("/chat", "say \"hi\"\n", args);
		assertThat(new String(packet.text(), StandardCharsets.UTF_8))
			.isEqualTo("42/chat,[\"say \\\"hi\\\"\\n\",true]")
			.isEqualTo(serialised("/chat", "say \"hi\"\n", args));
	}

	@Test
	void binaryArgumentsBecomePlaceholdersAndAttachmentsInOrder() throws IOException {
		byte[] first = { 1, 2, 3 };
		byte[] second = { 9 };
		EncodedEventPacket packet = EncodedEventPacket.of("", "bin",
				List.of(first, JSON.writeValueAsBytes("mid"), second), new boolean[] { true, false, true });
		assertThat(new String(packet.text(), StandardCharsets.UTF_8)).isEqualTo(
				"452-[\"bin\",{\"_placeholder\":true,\"num\":0},\"mid\",{\"_placeholder\":true,\"num\":1}]");
		assertThat(packet.attachments()).containsExactly(first, second);
		assertThat(packet.pollingAttachments()).extracting((bytes) -> new String(bytes, StandardCharsets.US_ASCII))
			.containsExactly("bAQID", "bCQ==");
	}

	@Test
	void noArguments() throws IOException {
		EncodedEventPacket packet = encode("", "tick", List.of());
		assertThat(new String(packet.text(), StandardCharsets.UTF_8)).isEqualTo("42[\"tick\"]")
			.isEqualTo(serialised("", "tick", List.of()));
	}

	@Test
	void isAnEventOfItsNamespaceForEngineIoV4() {
		EncodedEventPacket packet = EncodedEventPacket.of("/chat", "e", List.of(), new boolean[0]);
		assertThat(packet.getType()).isEqualTo(PacketType.MESSAGE);
		assertThat(packet.getSubType()).isEqualTo(PacketType.EVENT);
		assertThat(packet.getNsp()).isEqualTo("/chat");
		assertThat(packet.getName()).isEqualTo("e");
		assertThat(packet.getEngineIOVersion()).isEqualTo(EngineIOVersion.V4);
		// netty-socketio re-addresses a packet only when its namespace differs
		assertThat(packet.withNsp("/chat", EngineIOVersion.V4)).isSameAs(packet);
	}

	@Test
	void refusesAnAckIdBecauseItIsSharedByEveryRecipient() {
		EncodedEventPacket packet = EncodedEventPacket.of("", "e", List.of(), new boolean[0]);
		assertThatIllegalStateException().isThrownBy(() -> packet.setAckId(7L));
		assertThat(packet.getAckId()).isNull();
	}

	private static EncodedEventPacket encode(String nsp, String event, List<Object> args) throws IOException {
		List<byte[]> values = new ArrayList<>();
		for (Object arg : args) {
			values.add(JSON.writeValueAsBytes(arg));
		}
		return EncodedEventPacket.of(nsp, event, values, new boolean[args.size()]);
	}

	private String serialised(String nsp, String event, List<Object> args) throws IOException {
		Packet packet = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
		packet.setSubType(PacketType.EVENT);
		packet.setNsp(nsp);
		packet.setName(event);
		packet.setData(args);
		ByteBuf out = Unpooled.buffer();
		try {
			this.serializer.write(packet, out);
			return out.toString(StandardCharsets.UTF_8);
		}
		finally {
			out.release();
		}
	}

}

package dev.clusteradapter.cluster.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.corundumstudio.socketio.protocol.AuthPacket;
import com.corundumstudio.socketio.protocol.ConnPacket;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The text and attachments of each kind of packet, as Socket.IO v4 clients read them. */
class PacketSerializerTests {

	private final PacketSerializer serializer = new PacketSerializer(new ClusterJsonSupport());

	@Test
	void eventWithJsonArguments() throws IOException {
		Packet packet = message(PacketType.EVENT);
		packet.setName("greet");
		packet.setData(List.of("hi", 2));
		assertThat(write(packet)).isEqualTo(new Written("42[\"greet\",\"hi\",2]", List.of()));
	}

	@Test
	void binaryArgumentsBecomePlaceholdersAndAttachmentsInOrder() throws IOException {
		Packet packet = message(PacketType.EVENT);
		packet.setName("bin");
		packet.setData(List.of(new byte[] { 0, 1 }, java.util.Map.of("nested", new byte[] { 2 })));
		Written written = write(packet);
		assertThat(written.text()).startsWith("452-[\"bin\",")
			.contains("\"_placeholder\":true")
			.contains("\"num\":0")
			.contains("\"num\":1");
		assertThat(written.attachments()).containsExactly(new byte[] { 0, 1 }, new byte[] { 2 });
	}

	@Test
	void aSharedPacketIsWrittenAlikeEveryTimeAndLeftUnchanged() throws IOException {
		Packet packet = message(PacketType.EVENT);
		packet.setName("bin");
		packet.setData(List.of(new byte[] { 7, 8, 9 }));
		Written first = write(packet);
		Written second = write(packet);
		assertThat(second).isEqualTo(first);
		assertThat(packet.getSubType()).isEqualTo(PacketType.EVENT);
		assertThat(packet.getAttachments()).isEmpty();
	}

	@Test
	void ackWithNamespaceAndIdAndBinary() throws IOException {
		Packet packet = message(PacketType.ACK);
		packet.setNsp("/chat");
		packet.setAckId(12L);
		packet.setData(List.of(new byte[] { 1 }));
		Written written = write(packet);
		assertThat(written.text()).startsWith("461-/chat,12[{").endsWith("}]")
			.contains("\"_placeholder\":true").contains("\"num\":0");
		assertThat(written.attachments()).containsExactly(new byte[] { 1 });
	}

	@Test
	void connectToDefaultAndOtherNamespace() throws IOException {
		UUID sid = UUID.fromString("00000000-0000-0000-0000-000000000001");
		Packet connect = message(PacketType.CONNECT);
		connect.setData(new ConnPacket(sid));
		assertThat(write(connect).text()).isEqualTo("40{\"sid\":\"" + sid + "\"}");
		connect.setNsp("/chat");
		assertThat(write(connect).text()).isEqualTo("40/chat,{\"sid\":\"" + sid + "\"}");
	}

	@Test
	void engineIoPackets() throws IOException {
		Packet open = new Packet(PacketType.OPEN, EngineIOVersion.V4);
		open.setData(new AuthPacket(UUID.fromString("00000000-0000-0000-0000-000000000002"), new String[] { "websocket" }, 25000, 20000));
		assertThat(write(open).text()).startsWith("0{").contains("\"upgrades\":[\"websocket\"]");
		Packet pong = new Packet(PacketType.PONG, EngineIOVersion.V4);
		pong.setData("probe");
		assertThat(write(pong).text()).isEqualTo("3probe");
		assertThat(write(new Packet(PacketType.PING, EngineIOVersion.V4)).text()).isEqualTo("2");
		assertThat(write(new Packet(PacketType.NOOP, EngineIOVersion.V4)).text()).isEqualTo("6");
		assertThat(write(new Packet(PacketType.CLOSE, EngineIOVersion.V4)).text()).isEqualTo("1");
	}

	@Test
	void disconnectFromNamespace() throws IOException {
		Packet packet = message(PacketType.DISCONNECT);
		packet.setNsp("/chat");
		assertThat(write(packet).text()).isEqualTo("41/chat,");
	}

	private static Packet message(PacketType subType) {
		Packet packet = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
		packet.setSubType(subType);
		return packet;
	}

	private Written write(Packet packet) throws IOException {
		ByteBuf out = Unpooled.buffer();
		try {
			List<byte[]> attachments = this.serializer.write(packet, out);
			return new Written(out.toString(StandardCharsets.UTF_8), attachments);
		}
		finally {
			out.release();
		}
	}

	private record Written(String text, List<byte[]> attachments) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Written written && this.text.equals(written.text)
					&& this.attachments.size() == written.attachments.size()
					&& java.util.stream.IntStream.range(0, this.attachments.size())
						.allMatch((i) -> java.util.Arrays.equals(this.attachments.get(i), written.attachments.get(i)));
		}

		@Override
		public int hashCode() {
			return this.text.hashCode();
		}

	}

}

package dev.clusteradapter.cluster.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.protocol.AckArgs;
import com.corundumstudio.socketio.protocol.Event;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attachments reach event arguments and ack results as bytes, whatever type a listener
 * declares; without attachments, reading is netty-socketio's.
 */
class ClusterJsonSupportTests {

	private static final String EVENT = "[\"up\",{\"_placeholder\":true,\"num\":0},{\"file\":{\"_placeholder\":true,\"num\":1}},"
			+ "{\"_placeholder\":true,\"num\":0}]";

	private final ClusterJsonSupport jsonSupport = new ClusterJsonSupport();

	@Test
	void eventArgumentsGetBytesAsObjectAsByteArrayNestedAndBase64AsString() {
		this.jsonSupport.addEventMapping("", "up", Object.class, Map.class, String.class);
		Event event = readEvent(EVENT, List.of(new byte[] { 0, 1 }, new byte[] { 2 }));
		assertThat(event.getName()).isEqualTo("up");
		assertThat(event.getArgs().get(0)).isInstanceOf(byte[].class).isEqualTo(new byte[] { 0, 1 });
		assertThat(((Map<?, ?>) event.getArgs().get(1)).get("file")).isEqualTo(new byte[] { 2 });
		assertThat(event.getArgs().get(2)).isEqualTo(Base64.getEncoder().encodeToString(new byte[] { 0, 1 }));
	}

	@Test
	void byteArrayArgumentsGetTheBytes() {
		this.jsonSupport.addEventMapping("", "up", byte[].class);
		Event event = readEvent(EVENT, List.of(new byte[] { 5 }, new byte[] { 6 }));
		assertThat(event.getArgs().get(0)).isEqualTo(new byte[] { 5 });
	}

	@Test
	void ackResultsGetTheBytes() {
		AtomicReference<AckArgs> args = new AtomicReference<>();
		this.jsonSupport.readingAttachments(List.of(new byte[] { 9, 8 }), () -> args.set(read(
				() -> this.jsonSupport.readAckArgs(stream("[{\"_placeholder\":true,\"num\":0},\"text\"]"),
						new AckCallback<>(Object.class) {

							@Override
							public void onSuccess(Object result) {
							}

						}))));
		assertThat(args.get().getArgs()).containsExactly(new byte[] { 9, 8 }, "text");
	}

	@Test
	void attachmentsServeOneReadOnly() throws Exception {
		this.jsonSupport.addEventMapping("", "up", Object.class);
		AtomicReference<Event> second = new AtomicReference<>();
		this.jsonSupport.readingAttachments(List.of(new byte[] { 1 }), () -> {
			read(() -> this.jsonSupport.readValue("", stream(EVENT), Event.class));
			second.set(read(() -> this.jsonSupport.readValue("", stream(EVENT), Event.class)));
		});
		assertThat(second.get().getArgs().get(0)).isInstanceOf(Map.class);
		assertThat(this.jsonSupport.readValue("", stream(EVENT), Event.class).getArgs().get(0)).isInstanceOf(Map.class);
	}

	private Event readEvent(String json, List<byte[]> attachments) {
		AtomicReference<Event> event = new AtomicReference<>();
		this.jsonSupport.readingAttachments(attachments,
				() -> event.set(read(() -> this.jsonSupport.readValue("", stream(json), Event.class))));
		return event.get();
	}

	private static ByteBufInputStream stream(String json) {
		return new ByteBufInputStream(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8), true);
	}

	private static <T> T read(Read<T> read) {
		try {
			return read.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface Read<T> {

		T run() throws Exception;

	}

}

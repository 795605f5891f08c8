package dev.clusteradapter.cluster.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.protocol.AckArgs;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.node.BinaryNode;
import io.netty.buffer.ByteBufInputStream;

/**
 * netty-socketio's Jackson support, with binary attachments read as {@code byte[]} wherever
 * a client put them, also into arguments declared as {@code Object} or {@code Map}.
 * netty-socketio alone turns an attachment into its base64 text, so an {@code Object}
 * argument (an echo, a relay) received a {@code String} and sent text back.
 * <p>
 * Arguments declared as {@code byte[]} receive the bytes, and as {@code String} their
 * base64 text, as before.
 */
public class ClusterJsonSupport extends JacksonJsonSupport {

	private final ThreadLocal<List<byte[]>> attachments = new ThreadLocal<>();

	/**
	 * Creates the JSON support.
	 * @param modules Jackson modules to register, for the application's own types
	 */
	public ClusterJsonSupport(Module... modules) {
		super(modules);
	}

	/**
	 * Runs a read of one packet whose placeholders stand for the given attachments. The
	 * packet decoder reads on the calling thread, so the attachments travel with it.
	 * @param attachments the packet's attachments, by number
	 * @param read what reads the packet
	 */
	void readingAttachments(List<byte[]> attachments, Runnable read) {
		this.attachments.set(attachments);
		try {
			read.run();
		}
		finally {
			this.attachments.remove();
		}
	}

	@Override
	public <T> T readValue(String namespaceName, ByteBufInputStream src, Class<T> valueType) throws IOException {
		List<byte[]> pending = takeAttachments();
		if (pending == null) {
			return super.readValue(namespaceName, src, valueType);
		}
		this.namespaceClass.set(namespaceName);
		return this.objectMapper.readValue(withBinary(src, pending), valueType);
	}

	@Override
	public AckArgs readAckArgs(ByteBufInputStream src, AckCallback<?> callback) throws IOException {
		List<byte[]> pending = takeAttachments();
		if (pending == null) {
			return super.readAckArgs(src, callback);
		}
		this.currentAckClass.set(callback);
		return this.objectMapper.readValue(withBinary(src, pending), AckArgs.class);
	}

	// one packet, one read: listeners that run inside it must not see its attachments
	private List<byte[]> takeAttachments() {
		List<byte[]> pending = this.attachments.get();
		this.attachments.remove();
		return pending;
	}

	private JsonParser withBinary(InputStream src, List<byte[]> pending) throws IOException {
		JsonNode tree = this.objectMapper.readTree(src);
		return this.objectMapper.treeAsTokens(BinaryPlaceholders.resolve(tree, pending, BinaryNode::valueOf));
	}

}

package dev.clusteradapter.cluster.server;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Puts binary attachments back where a Socket.IO packet holds their placeholders,
 * {@code {"_placeholder":true,"num":n}} (keys in any order, as clients differ).
 */
final class BinaryPlaceholders {

	private BinaryPlaceholders() {
	}

	/**
	 * Replaces every placeholder in a tree, in place.
	 * @param node the packet data
	 * @param attachments the attachments, by number
	 * @param replacement the node that stands for an attachment
	 * @return the tree, or the replacement when the root itself is a placeholder
	 */
	static JsonNode resolve(JsonNode node, List<byte[]> attachments, Function<byte[], JsonNode> replacement) {
		byte[] attachment = attachmentFor(node, attachments);
		if (attachment != null) {
			return replacement.apply(attachment);
		}
		if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				array.set(i, resolve(array.get(i), attachments, replacement));
			}
		}
		else if (node instanceof ObjectNode object) {
			object.properties().forEach((entry) -> entry.setValue(resolve(entry.getValue(), attachments, replacement)));
		}
		return node;
	}

	private static byte[] attachmentFor(JsonNode node, List<byte[]> attachments) {
		if (!node.isObject() || !node.path("_placeholder").asBoolean(false) || !node.path("num").canConvertToInt()) {
			return null;
		}
		int number = node.path("num").intValue();
		return (number >= 0 && number < attachments.size()) ? attachments.get(number) : null;
	}

}

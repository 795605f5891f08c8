package dev.clusteradapter.cluster.server;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Placeholders anywhere in a packet give way to their attachments; anything else stays. */
class BinaryPlaceholdersTests {

	private final ObjectMapper mapper = new ObjectMapper();

	@Test
	void replacesPlaceholdersAtAnyDepthWhateverTheKeyOrder() throws Exception {
		JsonNode tree = this.mapper.readTree("[\"e\",{\"_placeholder\":true,\"num\":0},"
				+ "{\"deep\":[{\"num\":1,\"_placeholder\":true}]}]");
		JsonNode resolved = BinaryPlaceholders.resolve(tree, List.of(new byte[] { 1 }, new byte[] { 2 }), BinaryNode::valueOf);
		assertThat(resolved.get(1).binaryValue()).containsExactly(1);
		assertThat(resolved.get(2).get("deep").get(0).binaryValue()).containsExactly(2);
	}

	@Test
	void leavesLookAlikesAndOutOfRangeNumbersAlone() throws Exception {
		String json = "[{\"_placeholder\":false,\"num\":0},{\"_placeholder\":true,\"num\":5},{\"_placeholder\":true}]";
		JsonNode resolved = BinaryPlaceholders.resolve(this.mapper.readTree(json), List.of(new byte[] { 1 }),
				BinaryNode::valueOf);
		assertThat(resolved).isEqualTo(this.mapper.readTree(json));
	}

}

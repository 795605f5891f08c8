package dev.clusteradapter.cluster.adapter;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ArgumentCodec}.
 */
class ArgumentCodecTests {

	private final ArgumentCodec codec = new ArgumentCodec(new AdapterMessageCodec().mapper());

	record Point(int x, int y) {
	}

	@Test
	void valuesAreEncodedAsJsonOnceAndBinaryAsIs() {
		EncodedArgs args = this.codec.encode(List.of(new Point(1, 2), "text", new byte[] { 5, 6 }));
		assertThat(args.kinds()).containsExactly(EncodedArgs.JSON, EncodedArgs.JSON, EncodedArgs.BINARY);
		assertThat(new String(args.values().get(0))).isEqualTo("{\"x\":1,\"y\":2}");
		assertThat(new String(args.values().get(1))).isEqualTo("\"text\"");
		assertThat(args.values().get(2)).containsExactly(5, 6);
	}

	@Test
	void clientsGetRawJsonThatIsNotParsedAgain() throws Exception {
		List<Object> forClients = this.codec.forClients(this.codec.encode(List.of(new Point(1, 2), new byte[] { 7 })));
		assertThat(forClients.get(0)).isInstanceOf(RawValue.class);
		assertThat(new ObjectMapper().writeValueAsString(forClients.get(0))).isEqualTo("{\"x\":1,\"y\":2}");
		assertThat(forClients.get(1)).isEqualTo(new byte[] { 7 });
	}

	@Test
	void binaryNestedInAValueSurvivesThroughCbor() {
		EncodedArgs args = this.codec.encode(List.of(Map.of("file", new byte[] { 1, 2 })));
		assertThat(args.kinds()).containsExactly(EncodedArgs.CBOR);
		Map<?, ?> decoded = (Map<?, ?>) this.codec.toObjects(args).get(0);
		assertThat(decoded.get("file")).isEqualTo(new byte[] { 1, 2 });
	}

	@Test
	void listenersGetPlainJavaValues() {
		List<Object> values = this.codec.toObjects(this.codec.encode(List.of(new Point(3, 4), 5, true)));
		assertThat(values).containsExactly(Map.of("x", 3, "y", 4), 5, true);
	}

}

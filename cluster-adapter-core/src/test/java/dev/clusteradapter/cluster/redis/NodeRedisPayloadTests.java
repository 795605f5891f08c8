package dev.clusteradapter.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link NodeRedisPayload}: JSON on a leading {@code '{'}, msgpack otherwise, one exception
 * for anything malformed.
 */
class NodeRedisPayloadTests {

	@Test
	void readsJsonAndMsgpackIntoTheSameShapes() {
		Map<String, Object> value = Map.of("uid", "abc", "type", 5, "opts", Map.of("rooms", List.of("r")));
		assertThat(NodeRedisPayload.decode(bytes("{\"uid\":\"abc\",\"type\":5,\"opts\":{\"rooms\":[\"r\"]}}")))
			.isEqualTo(value);
		assertThat(NodeRedisPayload.decode(Notepack.encode(value))).isEqualTo(value);
	}

	@Test
	void onlyALeadingBraceMakesJson() {
		assertThat(NodeRedisPayload.isJson(bytes("{}"))).isTrue();
		assertThat(NodeRedisPayload.isJson(bytes(" {}"))).isFalse();
		assertThat(NodeRedisPayload.isJson(bytes("[1]"))).isFalse();
		assertThat(NodeRedisPayload.isJson(new byte[0])).isFalse();
		// not JSON for Node either: read as msgpack, where '[' is a fixarray of 11 elements
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> NodeRedisPayload.decode(bytes("[1]")));
	}

	@Test
	void malformedJsonIsMalformed() {
		for (String json : new String[] { "{", "{\"a\":}", "{} trailing", "{\"a\":1}}" }) {
			assertThatExceptionOfType(MalformedMessageException.class).as(json)
				.isThrownBy(() -> NodeRedisPayload.decode(bytes(json)))
				.withMessageStartingWith("Malformed JSON");
		}
	}

	@Test
	void anEmptyPayloadIsMalformed() {
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> NodeRedisPayload.decode(new byte[0]));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}

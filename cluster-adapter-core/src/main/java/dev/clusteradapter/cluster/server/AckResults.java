package dev.clusteradapter.cluster.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Turns an ack answer decoded without a target type (as the cluster carries it: maps,
 * lists, strings, numbers, {@code byte[]}) into the type a netty-socketio callback expects,
 * as netty-socketio's own JSON support would have read it.
 */
final class AckResults {

	// lenient on unknown properties, as netty-socketio's JacksonJsonSupport
	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private AckResults() {
	}

	static Object as(Object answer, Class<?> resultClass) {
		if (answer == null || resultClass == null || resultClass == Object.class || resultClass.isInstance(answer)) {
			return answer;
		}
		return MAPPER.convertValue(answer, resultClass);
	}

}

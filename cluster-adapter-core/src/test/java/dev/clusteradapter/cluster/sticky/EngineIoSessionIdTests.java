package dev.clusteradapter.cluster.sticky;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EngineIoSessionId}: the one reading of a request's session id that the
 * router, the worker's session id assigner and its request guard share.
 */
class EngineIoSessionIdTests {

	private static final String SID = "0007c1a2-9e4f-4b1d-8c33-5d2e6f7a8b9c";

	@Test
	void handshakeNamesNoSession() {
		assertThat(EngineIoSessionId.of("/socket.io/?EIO=4&transport=polling")).isNull();
		assertThat(EngineIoSessionId.of("/socket.io/")).isNull();
	}

	@Test
	void sessionIdIsTheFirstSidParameterAsSent() {
		assertThat(EngineIoSessionId.of("/socket.io/?EIO=4&transport=polling&sid=" + SID)).isEqualTo(SID);
		assertThat(EngineIoSessionId.of("/socket.io/?sid=" + SID + "&sid=other")).isEqualTo(SID);
		assertThat(EngineIoSessionId.of("/socket.io/?EIO=4&sid=garbage")).isEqualTo("garbage");
		// present but empty still names a session: it must not be taken for a handshake
		assertThat(EngineIoSessionId.of("/socket.io/?EIO=4&sid=")).isEmpty();
	}

	@Test
	void canonicalUuidIsParsedInEitherCase() {
		assertThat(EngineIoSessionId.parse(SID)).isEqualTo(UUID.fromString(SID));
		assertThat(EngineIoSessionId.parse(SID.toUpperCase())).isEqualTo(UUID.fromString(SID));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage", "1-1-1-1-1", "0007c1a2-9e4f-4b1d-8c33-5d2e6f7a8b9", SID + "0",
			"0007c1a29-e4f-4b1d-8c33-5d2e6f7a8b9c", "+007c1a2-9e4f-4b1d-8c33-5d2e6f7a8b9c",
			"0007c1a2-9e4f-4b1d-8c33-5d2e6f7a8b9g", "0007c1a2_9e4f_4b1d_8c33_5d2e6f7a8b9c" })
	void anythingElseIsNoSessionId(String sid) {
		assertThat(EngineIoSessionId.parse(sid)).isNull();
		assertThat(SessionIdCodec.workerOf(sid)).isEmpty();
	}

	@Test
	void nullIsNoSessionId() {
		assertThat(EngineIoSessionId.parse(null)).isNull();
	}

}

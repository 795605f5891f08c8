package dev.clusteradapter.cluster.sticky;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SessionIdCodec}.
 */
class SessionIdCodecTests {

	@Test
	void sessionIdNamesItsWorker() {
		for (int worker : new int[] { 0, 1, 2, 255, 4096, SessionIdCodec.MAX_WORKER_ID }) {
			UUID sid = SessionIdCodec.newSessionId(worker);
			assertThat(SessionIdCodec.workerOf(sid.toString())).hasValue(worker);
		}
	}

	@Test
	void sessionIdIsAVersion4UuidOfThirtySixCharacters() {
		UUID sid = SessionIdCodec.newSessionId(7);
		assertThat(sid.version()).isEqualTo(4);
		assertThat(sid.variant()).isEqualTo(2);
		assertThat(sid.toString()).hasSize(36);
	}

	@Test
	void sessionIdsDoNotRepeat() {
		Set<UUID> seen = new HashSet<>();
		for (int i = 0; i < 100_000; i++) {
			assertThat(seen.add(SessionIdCodec.newSessionId(3))).isTrue();
		}
	}

	@Test
	void anythingButAThirtySixCharacterUuidNamesNoWorker() {
		assertThat(SessionIdCodec.workerOf(null)).isEmpty();
		assertThat(SessionIdCodec.workerOf("")).isEmpty();
		assertThat(SessionIdCodec.workerOf("1-1-1-1-1")).isEmpty();
		assertThat(SessionIdCodec.workerOf("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz")).isEmpty();
		assertThat(SessionIdCodec.workerOf("a".repeat(36))).isEmpty();
	}

	@Test
	void workerIdOutOfRangeIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SessionIdCodec.newSessionId(-1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SessionIdCodec.newSessionId(SessionIdCodec.MAX_WORKER_ID + 1));
	}

}

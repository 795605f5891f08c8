package dev.clusteradapter.cluster.ipc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link IpcSecret}.
 */
class IpcSecretTests {

	@Test
	void generatedSecretsAreLongAndDistinct() {
		IpcSecret one = IpcSecret.generate();
		assertThat(one.bytes()).hasSize(32);
		assertThat(one).isNotEqualTo(IpcSecret.generate());
	}

	@Test
	void base64FormRoundTrips() {
		IpcSecret secret = IpcSecret.generate();
		assertThat(IpcSecret.fromBase64(secret.toBase64())).isEqualTo(secret);
	}

	@Test
	void toStringDoesNotLeakTheSecret() {
		IpcSecret secret = IpcSecret.generate();
		assertThat(secret.toString()).doesNotContain(secret.toBase64());
		assertThat(IpcOptions.builder(secret).build().toString()).doesNotContain(secret.toBase64());
	}

	@Test
	void secretsShorterThan128BitsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> IpcSecret.of(new byte[15]));
		assertThatIllegalArgumentException().isThrownBy(() -> IpcSecret.fromBase64("c2hvcnQ="));
	}

	@Test
	void bytesAreCopiedInAndOut() {
		byte[] bytes = new byte[16];
		IpcSecret secret = IpcSecret.of(bytes);
		bytes[0] = 1;
		secret.bytes()[1] = 1;
		assertThat(secret.bytes()).containsOnly(0);
	}

}

package dev.clusteradapter.cluster.ipc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Handshake}.
 */
class HandshakeTests {

	private final byte[] secret = IpcSecret.generate().bytes();

	private final byte[] hubNonce = Handshake.nonce();

	private final byte[] workerNonce = Handshake.nonce();

	@Test
	void workerProofDependsOnEveryInput() {
		byte[] proof = Handshake.workerProof(this.secret, this.hubNonce, this.workerNonce, 1, 100);
		assertThat(proof).hasSize(Handshake.PROOF_LENGTH)
			.isEqualTo(Handshake.workerProof(this.secret, this.hubNonce, this.workerNonce, 1, 100))
			.isNotEqualTo(Handshake.workerProof(IpcSecret.generate().bytes(), this.hubNonce, this.workerNonce, 1, 100))
			.isNotEqualTo(Handshake.workerProof(this.secret, Handshake.nonce(), this.workerNonce, 1, 100))
			.isNotEqualTo(Handshake.workerProof(this.secret, this.hubNonce, Handshake.nonce(), 1, 100))
			.isNotEqualTo(Handshake.workerProof(this.secret, this.hubNonce, this.workerNonce, 2, 100))
			.isNotEqualTo(Handshake.workerProof(this.secret, this.hubNonce, this.workerNonce, 1, 101));
	}

	@Test
	void primaryProofCannotBeReflectedAsAWorkerProof() {
		// A peer echoing the hub's nonces back must not obtain a valid worker proof.
		byte[] primary = Handshake.primaryProof(this.secret, this.hubNonce, this.workerNonce, 0);
		assertThat(primary).isNotEqualTo(Handshake.workerProof(this.secret, this.hubNonce, this.workerNonce, 0, 0));
	}

	@Test
	void noncesAreFresh() {
		assertThat(Handshake.nonce()).hasSize(Handshake.NONCE_LENGTH).isNotEqualTo(Handshake.nonce());
	}

	@Test
	void matchesComparesContents() {
		byte[] proof = Handshake.primaryProof(this.secret, this.workerNonce, this.hubNonce, 3);
		assertThat(Handshake.matches(proof, proof.clone())).isTrue();
		assertThat(Handshake.matches(proof, new byte[proof.length])).isFalse();
		assertThat(Handshake.matches(proof, new byte[0])).isFalse();
	}

}

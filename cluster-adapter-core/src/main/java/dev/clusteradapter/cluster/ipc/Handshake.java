package dev.clusteradapter.cluster.ipc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The challenge–response that opens every link. The hub sends a fresh nonce; the worker
 * answers with its own nonce, the id it asks for, its pid, and
 * {@code HMAC-SHA256(secret, "worker" || hub nonce || worker nonce || id || pid)}; the hub
 * proves itself back with {@code HMAC-SHA256(secret, "primary" || worker nonce || hub nonce
 * || assigned id)}. The labels keep one side's proof from being reflected as the other's.
 */
final class Handshake {

	static final int NONCE_LENGTH = 32;

	static final int PROOF_LENGTH = 32;

	/** Worker nonce, requested id, pid, proof. */
	static final int RESPONSE_LENGTH = NONCE_LENGTH + 4 + 8 + PROOF_LENGTH;

	private static final byte[] WORKER_LABEL = "worker".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] PRIMARY_LABEL = "primary".getBytes(StandardCharsets.US_ASCII);

	private static final SecureRandom RANDOM = new SecureRandom();

	private Handshake() {
	}

	static byte[] nonce() {
		byte[] nonce = new byte[NONCE_LENGTH];
		RANDOM.nextBytes(nonce);
		return nonce;
	}

	static byte[] workerProof(byte[] secret, byte[] hubNonce, byte[] workerNonce, int requestedId, long pid) {
		return hmac(secret, WORKER_LABEL, hubNonce, workerNonce,
				ByteBuffer.allocate(12).putInt(requestedId).putLong(pid).array());
	}

	static byte[] primaryProof(byte[] secret, byte[] workerNonce, byte[] hubNonce, int assignedId) {
		return hmac(secret, PRIMARY_LABEL, workerNonce, hubNonce, ByteBuffer.allocate(4).putInt(assignedId).array());
	}

	static boolean matches(byte[] expected, byte[] actual) {
		return MessageDigest.isEqual(expected, actual);
	}

	private static byte[] hmac(byte[] secret, byte[]... parts) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			for (byte[] part : parts) {
				mac.update(part);
			}
			return mac.doFinal();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

}

package dev.clusteradapter.cluster.ipc;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Per-cluster shared secret that workers prove they know before the primary accepts a
 * single message from them. Its Base64 form travels to forked workers in the environment.
 */
public final class IpcSecret {

	/** Length of a generated secret: 256 bits. */
	public static final int GENERATED_LENGTH = 32;

	/** Shortest secret accepted: 128 bits. */
	public static final int MINIMUM_LENGTH = 16;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] bytes;

	private IpcSecret(byte[] bytes) {
		if (bytes.length < MINIMUM_LENGTH) {
			throw new IllegalArgumentException(
					"An IPC secret needs at least " + MINIMUM_LENGTH + " bytes, got " + bytes.length);
		}
		this.bytes = bytes.clone();
	}

	/**
	 * A fresh random secret.
	 * @return the secret
	 */
	public static IpcSecret generate() {
		byte[] bytes = new byte[GENERATED_LENGTH];
		RANDOM.nextBytes(bytes);
		return new IpcSecret(bytes);
	}

	/**
	 * A secret from its bytes.
	 * @param bytes at least {@link #MINIMUM_LENGTH} bytes, copied
	 * @return the secret
	 */
	public static IpcSecret of(byte[] bytes) {
		return new IpcSecret(bytes);
	}

	/**
	 * A secret from its {@link #toBase64() Base64} form.
	 * @param base64 the encoded secret
	 * @return the secret
	 */
	public static IpcSecret fromBase64(String base64) {
		return new IpcSecret(Base64.getDecoder().decode(base64.trim()));
	}

	/**
	 * The secret in Base64, for the environment of a worker process.
	 * @return the encoded secret
	 */
	public String toBase64() {
		return Base64.getEncoder().encodeToString(this.bytes);
	}

	byte[] bytes() {
		return this.bytes.clone();
	}

	@Override
	public boolean equals(Object obj) {
		return (obj instanceof IpcSecret other) && java.security.MessageDigest.isEqual(this.bytes, other.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		return "IpcSecret[******]";
	}

}

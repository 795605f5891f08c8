package dev.clusteradapter.cluster.adapter;

import java.util.List;

/**
 * Event arguments encoded once, at the origin, so that no hop parses and re-encodes them.
 * Each argument is JSON text, raw binary, or (when binary is nested in a value) CBOR.
 *
 * @param kinds one of {@link #JSON}, {@link #BINARY}, {@link #CBOR} per argument
 * @param values the encoded arguments
 */
public record EncodedArgs(byte[] kinds, List<byte[]> values) {

	/** UTF-8 JSON text of the argument. */
	public static final byte JSON = 0;

	/** The argument is a {@code byte[]}, carried as is. */
	public static final byte BINARY = 1;

	/** CBOR of an argument that holds binary below its top level. */
	public static final byte CBOR = 2;

	/**
	 * Number of arguments.
	 * @return the count
	 */
	public int size() {
		return this.kinds.length;
	}

}

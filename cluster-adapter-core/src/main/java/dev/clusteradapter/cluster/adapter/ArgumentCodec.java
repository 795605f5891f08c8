package dev.clusteradapter.cluster.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Encodes event arguments once at the origin, with the server's own {@link JsonSupport}
 * (so its Jackson modules apply), and hands them to clients at the receiving node as raw
 * JSON: no hop parses them. Binary arguments travel as they are.
 */
final class ArgumentCodec {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final ObjectMapper cbor;

	private volatile JsonSupport jsonSupport = new JacksonJsonSupport();

	ArgumentCodec(ObjectMapper cbor) {
		this.cbor = cbor;
	}

	void useJsonSupport(JsonSupport jsonSupport) {
		this.jsonSupport = jsonSupport;
	}

	EncodedArgs encode(List<?> args) {
		byte[] kinds = new byte[args.size()];
		List<byte[]> values = new ArrayList<>(args.size());
		for (int i = 0; i < kinds.length; i++) {
			Object arg = args.get(i);
			if (arg instanceof byte[] bytes) {
				kinds[i] = EncodedArgs.BINARY;
				values.add(bytes);
				continue;
			}
			byte[] json = toJson(arg);
			if (json != null) {
				kinds[i] = EncodedArgs.JSON;
				values.add(json);
			}
			else {
				kinds[i] = EncodedArgs.CBOR;
				values.add(toCbor(arg));
			}
		}
		return new EncodedArgs(kinds, values);
	}

	/**
	 * Arguments ready for netty-socketio's packet encoder: JSON stays raw text, binary stays
	 * {@code byte[]} (the encoder turns it into an attachment).
	 */
	List<Object> forClients(EncodedArgs args) {
		List<Object> result = new ArrayList<>(args.size());
		for (int i = 0; i < args.size(); i++) {
			byte[] value = args.values().get(i);
			switch (args.kinds()[i]) {
				case EncodedArgs.BINARY -> result.add(value);
				case EncodedArgs.JSON -> result.add(new RawValue(new String(value, StandardCharsets.UTF_8)));
				default -> result.add(fromCbor(value));
			}
		}
		return result;
	}

	/** Arguments as plain Java values (maps, lists, strings, numbers, byte arrays) for listeners. */
	List<Object> toObjects(EncodedArgs args) {
		List<Object> result = new ArrayList<>(args.size());
		for (int i = 0; i < args.size(); i++) {
			byte[] value = args.values().get(i);
			switch (args.kinds()[i]) {
				case EncodedArgs.BINARY -> result.add(value);
				case EncodedArgs.JSON -> result.add(fromJson(value));
				default -> result.add(fromCbor(value));
			}
		}
		return result;
	}

	/** JSON of an argument, or {@code null} when binary is nested in it. */
	private byte[] toJson(Object arg) {
		ByteBuf buf = Unpooled.buffer(64);
		try {
			this.jsonSupport.writeValue(new ByteBufOutputStream(buf), arg);
			// netty-socketio's byte[] serializer records nested binary: JSON would lose it
			if (!this.jsonSupport.getArrays().isEmpty()) {
				return null;
			}
			return ByteBufUtil.getBytes(buf);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			buf.release();
		}
	}

	private byte[] toCbor(Object arg) {
		try {
			return this.cbor.writeValueAsBytes(arg);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Object fromCbor(byte[] value) {
		try {
			return this.cbor.readValue(value, Object.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Object fromJson(byte[] value) {
		try {
			return JSON.readValue(value, Object.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package dev.clusteradapter.cluster.sticky;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpConstants;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;

/**
 * Writes a request head, as rewritten by the router, back to bytes with Netty's own encoder,
 * for the worker to read as if the client had sent it.
 */
final class RequestHeadEncoder extends HttpRequestEncoder {

	private static final byte[] CRLF = { HttpConstants.CR, HttpConstants.LF };

	ByteBuf encode(ByteBufAllocator allocator, HttpRequest request) {
		ByteBuf head = allocator.directBuffer(256 + request.uri().length() + request.headers().size() * 64);
		try {
			encodeInitialLine(head, request);
			encodeHeaders(request.headers(), head);
			head.writeBytes(CRLF);
			return head;
		}
		catch (Exception ex) {
			head.release();
			throw new IllegalStateException("Cannot encode request head", ex);
		}
	}

}

package dev.clusteradapter.cluster.server;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Queue;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.protocol.Packet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.PromiseCombiner;

import dev.clusteradapter.cluster.socketio.EncodedEventPacket;
import dev.clusteradapter.cluster.socketio.EngineIoSession;
import dev.clusteradapter.cluster.socketio.OutboundPackets;

/**
 * Sends the packets queued for an Engine.IO v4 client, in place of netty-socketio's
 * {@code EncoderHandler} (which still serves older protocol versions and every other
 * message).
 * <pre>
 * WebSocket: one frame per Engine.IO packet; attachments as raw binary frames
 *   [text "451-[\"bin\",{\"_placeholder\":true,\"num\":0}]"] [binary: bytes as is]
 *
 * Polling: one HTTP body per request; packets separated by 0x1E (record separator),
 * attachments as "b" + standard base64
 *   +--------------+------+--------------+------+-------------+
 *   | "451-[...]"  | 0x1E | "bAAECAw=="  | 0x1E | "2"         |
 *   +--------------+------+--------------+------+-------------+
 * </pre>
 * netty-socketio 2.0.14 writes these as Engine.IO v3 does: a WebSocket binary frame gains a
 * leading {@code 0x04} byte, and a polling body carries attachments in the v3 binary
 * length-prefixed framing, which a v4 client cannot read.
 */
final class EngineIoV4Encoder extends ChannelOutboundHandlerAdapter {

	/** Packets per polling response, as netty-socketio: the rest waits for the next poll. */
	private static final int POLLING_BATCH = 50;

	private static final byte RECORD_SEPARATOR = 0x1E;

	private final Configuration configuration;

	private final PacketSerializer serializer;

	/** Where an upgraded connection's frame objects enter its pipeline; {@code null} before the upgrade. */
	private ChannelHandlerContext frameEntry;

	/**
	 * Where an upgraded connection's encoded frames enter its pipeline, past the frame encoder
	 * and the closing handshake; {@code null} before the upgrade.
	 */
	private ChannelHandlerContext encodedEntry;

	/** The upgraded connection's closing handshake, which {@link #encodedEntry} passes by. */
	private WebSocketClosingHandshake closingHandshake;

	/**
	 * Creates the encoder of one connection.
	 * @param configuration the server's configuration
	 * @param serializer the packet serializer the server's encoders share
	 */
	EngineIoV4Encoder(Configuration configuration, PacketSerializer serializer) {
		this.configuration = configuration;
		this.serializer = serializer;
	}

	/**
	 * Writes the connection's frames at contexts nearer the socket from now on, once the
	 * connection has upgraded: frame objects at its {@link WebSocketFrameWrites} mark, encoded
	 * frames past its frame encoder. Called on the connection's event loop.
	 * @param entry the mark's context
	 * @param frameEncoder the frame encoder's context
	 * @param closingHandshake the closing handshake, whose rule the encoded frames keep here
	 */
	void writeFramesAt(ChannelHandlerContext entry, ChannelHandlerContext frameEncoder,
			WebSocketClosingHandshake closingHandshake) {
		this.frameEntry = entry;
		this.encodedEntry = frameEncoder;
		this.closingHandshake = closingHandshake;
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		OutboundPackets out = OutboundPackets.of(msg);
		if (out != null) {
			EngineIoSession session = out.session();
			if (session.isV4()) {
				if (out.transport() == Transport.WEBSOCKET) {
					writeFrames(ctx, out, session, promise);
				}
				else {
					writePollingResponse(ctx, out, session, promise);
				}
				return;
			}
		}
		ctx.write(msg, promise);
	}

	private void writeFrames(ChannelHandlerContext ctx, OutboundPackets request, EngineIoSession session,
			ChannelPromise promise) throws IOException {
		Queue<Packet> queue = request.queue();
		boolean compression = this.configuration.isWebsocketCompression();
		// frames go past the handlers that serve HTTP only; frame objects the deflate
		// extension compresses go the whole way
		// writeFramesAt set the entries and the closing handshake together, at the upgrade
		boolean upgraded = !compression && this.frameEntry != null;
		if (upgraded && this.closingHandshake.closing()) {
			// RFC 6455 5.5.1: no data frame after a Close frame, as the closing handshake
			// would refuse each of them
			queue.clear();
			promise.tryFailure(new IllegalStateException("WebSocket closing"));
			return;
		}
		ChannelHandlerContext out = upgraded ? this.frameEntry : ctx;
		// encoded frames need neither the frame encoder nor the closing handshake (see above)
		ChannelHandlerContext encodedOut = upgraded ? this.encodedEntry : out;
		// a write nobody waits for (a broadcast's) makes no promise per frame either
		FrameWrites writes = new FrameWrites(ctx, promise.isVoid());
		Packet packet;
		while ((packet = queue.poll()) != null) {
			if (packet instanceof EncodedEventPacket encoded) {
				if (encoded.isVolatile() && !ctx.channel().isWritable()) {
					// socket.io's volatile: a client that cannot take a write now misses the event
					continue;
				}
				if (compression) {
					// the deflate extension compresses frame objects, not frames already encoded
					writes.write(out, new TextWebSocketFrame(Unpooled.wrappedBuffer(encoded.text())));
					for (byte[] attachment : encoded.attachments()) {
						writes.write(out, new BinaryWebSocketFrame(Unpooled.wrappedBuffer(attachment)));
					}
				}
				else {
					// the frames every recipient shares, to the socket as they are
					for (ByteBuf frame : encoded.webSocketFrames()) {
						writes.write(encodedOut, frame.duplicate());
					}
				}
				continue;
			}
			ByteBuf text = ctx.alloc().buffer();
			List<byte[]> attachments;
			try {
				attachments = this.serializer.write(packet, text, session.sessionId());
			}
			catch (IOException | RuntimeException ex) {
				text.release();
				throw ex;
			}
			writes.write(out, new TextWebSocketFrame(text));
			for (byte[] attachment : attachments) {
				writes.write(out, new BinaryWebSocketFrame(Unpooled.wrappedBuffer(attachment)));
			}
		}
		writes.finish(promise);
		// the context nearest the socket that a frame entered flushes them all: none of the
		// handlers between the entries holds a frame back
		if (request.flushedByWriter()) {
			request.flushAt(encodedOut);
		}
		else {
			encodedOut.flush();
		}
	}

	private void writePollingResponse(ChannelHandlerContext ctx, OutboundPackets message, EngineIoSession session,
			ChannelPromise promise) throws IOException {
		Channel channel = ctx.channel();
		Queue<Packet> queue = session.queue(Transport.POLLING);
		// one response per polling request: netty-socketio closes the connection after it
		if (!channel.isActive() || queue.isEmpty() || !OutboundPackets.claimPollingResponse(channel)) {
			promise.trySuccess();
			return;
		}
		ByteBuf body = ctx.alloc().buffer();
		try {
			writePayload(queue, body, session);
		}
		catch (IOException | RuntimeException ex) {
			body.release();
			throw ex;
		}
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
		HttpHeaders headers = response.headers();
		headers.set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
			.set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
		if (message.cookieSessionId() != null) {
			headers.set(HttpHeaderNames.SET_COOKIE, "io=" + message.cookieSessionId());
		}
		addCorsHeaders(OutboundPackets.origin(channel), headers);
		ctx.writeAndFlush(response, promise).addListener(ChannelFutureListener.CLOSE);
	}

	private void writePayload(Queue<Packet> queue, ByteBuf body, EngineIoSession session) throws IOException {
		Base64.Encoder base64 = Base64.getEncoder();
		for (int i = 0; i < POLLING_BATCH; i++) {
			Packet packet = queue.poll();
			if (packet == null) {
				return;
			}
			if (i > 0) {
				body.writeByte(RECORD_SEPARATOR);
			}
			if (packet instanceof EncodedEventPacket encoded) {
				body.writeBytes(encoded.text());
				for (byte[] attachment : encoded.pollingAttachments()) {
					body.writeByte(RECORD_SEPARATOR);
					body.writeBytes(attachment);
				}
				continue;
			}
			for (byte[] attachment : this.serializer.write(packet, body, session.sessionId())) {
				body.writeByte(RECORD_SEPARATOR);
				body.writeByte('b');
				body.writeBytes(base64.encode(attachment));
			}
		}
	}

	// as netty-socketio's EncoderHandler, whose own method is private
	private void addCorsHeaders(String origin, HttpHeaders headers) {
		if (!this.configuration.isEnableCors()) {
			return;
		}
		if (this.configuration.getOrigin() != null) {
			headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, this.configuration.getOrigin());
			headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, Boolean.TRUE);
		}
		else if (origin != null) {
			headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
			headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, Boolean.TRUE);
		}
		else {
			headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
		}
		if (this.configuration.getAllowHeaders() != null) {
			headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, this.configuration.getAllowHeaders());
		}
	}


	/**
	 * The frames of one write request, whose promise completes when all of them are written;
	 * or, for a request with a void promise, writes that make no promise at all.
	 */
	private static final class FrameWrites {

		private final PromiseCombiner combiner;

		private final ChannelPromise unobserved;

		FrameWrites(ChannelHandlerContext ctx, boolean unobserved) {
			this.combiner = unobserved ? null : new PromiseCombiner(ctx.executor());
			// a failed write ends its connection, which its close handling serves: not an exception to report
			this.unobserved = unobserved ? new VoidChannelPromise(ctx.channel(), false) : null;
		}

		void write(ChannelHandlerContext at, Object frame) {
			if (this.combiner == null) {
				at.write(frame, this.unobserved);
			}
			else {
				this.combiner.add(at.write(frame));
			}
		}

		void finish(ChannelPromise promise) {
			if (this.combiner != null) {
				this.combiner.finish(promise);
			}
		}

	}

}

package dev.clusteradapter.cluster.server;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketClosingHandshake}: a Close frame the server sends closes the
 * connection once the client answered it, its input ended, or too much or too long came.
 */
class WebSocketClosingHandshakeTests {

	private static final int MAX_DISCARDED = 1000;

	private final EmbeddedChannel channel = new EmbeddedChannel(new WebSocketClosingHandshake(MAX_DISCARDED));

	@Test
	void serversCloseWaitsForTheClientsCloseAndDropsWhatComesMeanwhile() {
		close(WebSocketCloseStatus.MESSAGE_TOO_BIG);
		CloseWebSocketFrame sent = this.channel.readOutbound();
		assertThat(sent.statusCode()).isEqualTo(1009);
		sent.release();
		assertThat(this.channel.isOpen()).as("open while the client still sends").isTrue();
		this.channel.writeInbound(new ContinuationWebSocketFrame(Unpooled.wrappedBuffer(new byte[100])));
		assertThat((Object) this.channel.readInbound()).as("what follows the Close is dropped").isNull();
		this.channel.writeInbound(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG));
		assertThat(this.channel.isOpen()).isFalse();
		assertThat((Object) this.channel.readInbound()).isNull();
	}

	@Test
	void closeAnsweringTheClientsCloseClosesAtOnce() {
		CloseWebSocketFrame fromClient = new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE);
		this.channel.writeInbound(fromClient);
		CloseWebSocketFrame passed = this.channel.readInbound();
		assertThat(passed).as("the client's Close reaches netty-socketio").isSameAs(fromClient);
		this.channel.writeAndFlush(passed).addListener(ChannelFutureListener.CLOSE);
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.channel.<CloseWebSocketFrame>readOutbound().statusCode()).isEqualTo(1000);
	}

	@Test
	void endOfTheClientsInputEndsTheWait() {
		ChannelFuture closing = close(WebSocketCloseStatus.INVALID_PAYLOAD_DATA);
		this.channel.<CloseWebSocketFrame>readOutbound().release();
		assertThat(closing.isDone()).isFalse();
		this.channel.pipeline().fireChannelInactive();
		assertThat(closing.isSuccess()).isTrue();
	}

	@Test
	void moreThanTheLimitAfterTheCloseEndsTheWait() {
		close(WebSocketCloseStatus.MESSAGE_TOO_BIG);
		this.channel.<CloseWebSocketFrame>readOutbound().release();
		this.channel.writeInbound(new ContinuationWebSocketFrame(Unpooled.wrappedBuffer(new byte[MAX_DISCARDED])));
		assertThat(this.channel.isOpen()).isTrue();
		this.channel.writeInbound(new ContinuationWebSocketFrame(Unpooled.wrappedBuffer(new byte[1])));
		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void clientThatNeverAnswersIsClosedAfterTheTimeout() {
		this.channel.freezeTime();
		close(WebSocketCloseStatus.MESSAGE_TOO_BIG);
		this.channel.<CloseWebSocketFrame>readOutbound().release();
		this.channel.advanceTimeBy(WebSocketClosingHandshake.TIMEOUT_SECONDS - 1, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();
		assertThat(this.channel.isOpen()).isTrue();
		this.channel.advanceTimeBy(1, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();
		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void nothingButACloseIsSentAfterTheClose() {
		close(WebSocketCloseStatus.MESSAGE_TOO_BIG);
		this.channel.<CloseWebSocketFrame>readOutbound().release();
		ChannelFuture text = this.channel.writeAndFlush(new TextWebSocketFrame("42[\"late\"]"));
		assertThat(text.isSuccess()).isFalse();
		ChannelFuture second = this.channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
		assertThat((Object) this.channel.readOutbound()).isNull();
		assertThat(second.isDone()).as("done with the handshake").isFalse();
		this.channel.writeInbound(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG));
		assertThat(second.isSuccess()).isTrue();
	}

	private ChannelFuture close(WebSocketCloseStatus status) {
		return this.channel.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
	}

}

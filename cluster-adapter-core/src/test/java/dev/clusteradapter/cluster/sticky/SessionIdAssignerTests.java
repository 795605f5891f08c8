package dev.clusteradapter.cluster.sticky;

import java.util.UUID;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionIdAssigner}.
 */
class SessionIdAssignerTests {

	private static HttpRequest through(int worker, HttpRequest request) {
		EmbeddedChannel channel = new EmbeddedChannel(new SessionIdAssigner(worker));
		channel.writeInbound(request);
		HttpRequest out = channel.readInbound();
		assertThat(channel.finish()).isFalse();
		return out;
	}

	private static HttpRequest get(String uri) {
		return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
	}

	@Test
	void handshakeGetsAFreshSessionIdOfThisWorkerWhateverItProposed() {
		String proposed = SessionIdCodec.newSessionId(5).toString();
		HttpRequest request = get("/socket.io/?EIO=4&transport=polling");
		request.headers().add("io", proposed).add("io", "second");
		request.headers().add(HttpHeaderNames.COOKIE, "theme=dark; io=" + proposed);
		HttpRequest out = through(5, request);
		assertThat(out.headers().getAll("io")).hasSize(1).doesNotContain(proposed);
		assertThat(SessionIdCodec.workerOf(out.headers().get("io"))).hasValue(5);
		assertThat(out.headers().get(HttpHeaderNames.COOKIE)).isEqualTo("theme=dark");
	}

	@Test
	void handshakesGetDistinctIds() {
		String first = through(1, get("/socket.io/?EIO=4&transport=websocket")).headers().get("io");
		String second = through(1, get("/socket.io/?EIO=4&transport=websocket")).headers().get("io");
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void requestOfASessionLosesProposedIdsAndGetsNone() {
		String sid = UUID.randomUUID().toString();
		HttpRequest request = get("/socket.io/?EIO=4&transport=polling&sid=" + sid);
		request.headers().add("io", sid).add(HttpHeaderNames.COOKIE, "io=" + sid);
		HttpRequest out = through(2, request);
		assertThat(out.headers().contains("io")).isFalse();
		assertThat(out.headers().contains(HttpHeaderNames.COOKIE)).isFalse();
		assertThat(out.uri()).endsWith(sid);
	}

	@Test
	void otherMessagesPassUntouched() {
		EmbeddedChannel channel = new EmbeddedChannel(new SessionIdAssigner(1));
		channel.writeInbound("not http");
		assertThat((Object) channel.readInbound()).isEqualTo("not http");
		channel.finish();
	}

}

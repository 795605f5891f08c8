package dev.clusteradapter.cluster.server;

import java.nio.charset.StandardCharsets;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnknownSessionResponse}.
 */
class UnknownSessionResponseTests {

	@Test
	void bareServerErrorBecomesEngineIoUnknownSession() {
		EmbeddedChannel channel = new EmbeddedChannel(UnknownSessionResponse.INSTANCE);
		channel.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.INTERNAL_SERVER_ERROR));
		FullHttpResponse response = channel.readOutbound();
		try {
			assertThat(response.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
			assertThat(response.content().toString(StandardCharsets.US_ASCII))
				.isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
			assertThat(response.headers().get("connection")).isEqualTo("close");
		}
		finally {
			response.release();
		}
		assertThat(channel.finish()).isFalse();
	}

	@Test
	void otherResponsesPassUnchanged() {
		EmbeddedChannel channel = new EmbeddedChannel(UnknownSessionResponse.INSTANCE);
		DefaultHttpResponse ok = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
		channel.writeOutbound(ok);
		assertThat((Object) channel.readOutbound()).isSameAs(ok);
		assertThat(channel.finish()).isFalse();
	}

}

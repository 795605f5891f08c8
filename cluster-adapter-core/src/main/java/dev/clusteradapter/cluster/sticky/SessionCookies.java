package dev.clusteradapter.cluster.sticky;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.ClientCookieEncoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

/**
 * Where netty-socketio takes a client-proposed session id from when {@code randomSession} is
 * off: the {@code io} header and the {@code io} cookie. Only the cluster may fill them.
 */
final class SessionCookies {

	static final String IO = "io";

	private SessionCookies() {
	}

	/**
	 * Removes every {@code io} header and {@code io} cookie, keeping other cookies.
	 * @param headers request headers, changed in place
	 */
	static void strip(HttpHeaders headers) {
		headers.remove(IO);
		if (!headers.contains(HttpHeaderNames.COOKIE)) {
			return;
		}
		StringBuilder kept = new StringBuilder();
		for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
			Set<Cookie> cookies = ServerCookieDecoder.LAX.decodeAll(header).stream()
				.filter((cookie) -> !IO.equals(cookie.name()))
				.collect(Collectors.toCollection(LinkedHashSet::new));
			if (!cookies.isEmpty()) {
				kept.append((kept.length() > 0) ? "; " : "").append(ClientCookieEncoder.LAX.encode(cookies));
			}
		}
		headers.remove(HttpHeaderNames.COOKIE);
		if (kept.length() > 0) {
			headers.set(HttpHeaderNames.COOKIE, kept.toString());
		}
	}

	/**
	 * Strips client-proposed ids and proposes the given one.
	 * @param headers request headers, changed in place
	 * @param sessionId the id the session must get
	 */
	static void assign(HttpHeaders headers, UUID sessionId) {
		strip(headers);
		headers.set(IO, sessionId.toString());
	}

}

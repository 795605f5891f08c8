package dev.clusteradapter.cluster.adapter;

import java.util.List;
import java.util.Map;

/**
 * Handshake of a socket, as socket.io's {@code socket.handshake}.
 *
 * @param address remote IP address of the client
 * @param headers HTTP headers of the handshake request
 * @param query query parameters of the handshake request
 * @param time handshake time, as text
 * @param issued handshake time, in milliseconds since the epoch
 * @param url request URL of the handshake
 * @param xdomain whether the handshake was cross-domain
 * @param auth authentication payload the client sent, or {@code null}
 */
public record SocketHandshake(String address, Map<String, List<String>> headers, Map<String, List<String>> query,
		String time, long issued, String url, boolean xdomain, Object auth) {
}

package dev.clusteradapter.cluster.sticky;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * The Engine.IO session id a request names in its {@code sid} query parameter, read in one
 * place for the primary's router, the worker's {@link SessionIdAssigner} and the worker's
 * request guard, so that all three agree on which requests name a session and which
 * session that is.
 * <pre>
 *   GET /socket.io/?EIO=4&amp;transport=polling&amp;sid=0007c1a2-9e4f-4b1d-8c33-5d2e6f7a8b9c
 *                                          +------------------------------------+
 *                                          36 characters: 8-4-4-4-12 hex digits
 * </pre>
 * Only that canonical form is a session id: {@link UUID#fromString} alone would also take
 * {@code 0000000-00000-4000-...} and other spellings of the same id.
 */
public final class EngineIoSessionId {

	private static final String PARAMETER = "sid";

	private static final int LENGTH = 36;

	private EngineIoSessionId() {
	}

	/**
	 * The session id a request URI names.
	 * @param uri the request's URI, path and query
	 * @return the {@code sid} parameter as sent (possibly malformed, possibly empty), or
	 * {@code null} when the request names no session (a handshake)
	 */
	public static String of(String uri) {
		return of(new QueryStringDecoder(uri).parameters());
	}

	/**
	 * The session id decoded query parameters name.
	 * @param parameters a request's query parameters
	 * @return the first {@code sid} parameter as sent, or {@code null} when there is none
	 */
	public static String of(Map<String, List<String>> parameters) {
		List<String> values = parameters.get(PARAMETER);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Parses a session id.
	 * @param sid a session id as a client sent it, or {@code null}
	 * @return the id, or {@code null} when {@code sid} is not a UUID in its canonical
	 * 36-character form
	 */
	public static UUID parse(String sid) {
		if (sid == null || sid.length() != LENGTH) {
			return null;
		}
		for (int i = 0; i < LENGTH; i++) {
			char c = sid.charAt(i);
			boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
			if (dash ? c != '-' : Character.digit(c, 16) < 0) {
				return null;
			}
		}
		return UUID.fromString(sid);
	}

}

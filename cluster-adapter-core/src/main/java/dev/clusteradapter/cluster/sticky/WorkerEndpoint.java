package dev.clusteradapter.cluster.sticky;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * A live worker as the {@link StickyRouter} sees it.
 *
 * @param id worker id, encoded in the session ids it owns (0 to 65535)
 * @param relayAddress loopback address of the worker's Socket.IO server, for relaying
 * @param handoverSocket path of the worker's {@link HandoverReceiver} socket, or {@code null}
 * when the worker cannot adopt connections (the router then relays)
 * @param clients clients the worker currently serves, for least-connection balancing
 */
public record WorkerEndpoint(int id, InetSocketAddress relayAddress, Path handoverSocket, int clients) {

	public WorkerEndpoint {
		SessionIdCodec.requireWorkerId(id);
	}

}

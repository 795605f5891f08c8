package dev.clusteradapter.cluster.server;

import java.time.Duration;
import java.util.function.Function;

import com.corundumstudio.socketio.BroadcastAckCallback;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clusteradapter.cluster.adapter.ClientAckListener;
import dev.clusteradapter.cluster.adapter.RemoteSocket;
import dev.clusteradapter.cluster.socketio.BroadcastAckCallbacks;

/**
 * Drives a user's {@link BroadcastAckCallback} from the cluster's acks: one call per client
 * of any worker, and {@code onAllSuccess} once every part of the broadcast (one per
 * namespace) has settled with every client answered.
 */
final class BroadcastAckCallbackDriver implements ClientAckListener {

	private static final Logger logger = LoggerFactory.getLogger(BroadcastAckCallbackDriver.class);

	private final BroadcastAckCallback<?> callback;

	private final Class<?> resultClass;

	private final Function<String, SocketIONamespace> namespaces;

	private final Duration requestsTimeout;

	private int unsettledParts;

	private boolean everyClientAnswered = true;

	BroadcastAckCallbackDriver(BroadcastAckCallback<?> callback, int parts, Function<String, SocketIONamespace> namespaces,
			Duration requestsTimeout) {
		this.callback = callback;
		this.resultClass = BroadcastAckCallbacks.resultClass(callback);
		this.unsettledParts = parts;
		this.namespaces = namespaces;
		this.requestsTimeout = requestsTimeout;
	}

	/** Wait for each client, in the callback's terms: its timeout, else the cluster's requests timeout. */
	static Duration timeout(BroadcastAckCallback<?> callback, Duration requestsTimeout) {
		int seconds = BroadcastAckCallbacks.timeoutSeconds(callback);
		return (seconds > 0) ? Duration.ofSeconds(seconds) : requestsTimeout;
	}

	@Override
	public void answered(SocketIOClient client, Object response) {
		deliver(client, response);
	}

	@Override
	public void answered(RemoteSocket socket, Object response) {
		deliver(view(socket), response);
	}

	@Override
	public void missed(SocketIOClient client) {
		BroadcastAckCallbacks.clientTimedOut(this.callback, client);
	}

	@Override
	public void missed(RemoteSocket socket) {
		BroadcastAckCallbacks.clientTimedOut(this.callback, view(socket));
	}

	@Override
	public void settled(boolean everyClientAnswered) {
		boolean allAnswered;
		synchronized (this) {
			this.everyClientAnswered &= everyClientAnswered;
			this.unsettledParts--;
			allAnswered = this.unsettledParts == 0 && this.everyClientAnswered;
		}
		if (allAnswered) {
			BroadcastAckCallbacks.allAnswered(this.callback);
		}
	}

	SocketIOClient view(RemoteSocket socket) {
		return new RemoteSocketIOClient(socket, this.namespaces.apply(socket.namespace()), this.requestsTimeout);
	}

	private void deliver(SocketIOClient client, Object response) {
		Object result;
		try {
			result = AckResults.as(response, this.resultClass);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Ack of client {} is not a {}: counted as missing", client.getSessionId(),
					this.resultClass.getName(), ex);
			BroadcastAckCallbacks.clientTimedOut(this.callback, client);
			synchronized (this) {
				this.everyClientAnswered = false;
			}
			return;
		}
		BroadcastAckCallbacks.clientAnswered(this.callback, client, result);
	}

}

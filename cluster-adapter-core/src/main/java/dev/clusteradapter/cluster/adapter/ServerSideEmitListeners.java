package dev.clusteradapter.cluster.adapter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handlers of server-side events, by namespace and event name.
 */
final class ServerSideEmitListeners {

	private static final Logger logger = LoggerFactory.getLogger(ServerSideEmitListeners.class);

	private static final ServerSideAck NO_ACK = (response) -> {
	};

	private final Map<String, List<ServerSideEmitHandler>> handlers = new ConcurrentHashMap<>();

	void add(String nsp, String event, ServerSideEmitHandler handler) {
		this.handlers.computeIfAbsent(key(nsp, event), (key) -> new CopyOnWriteArrayList<>()).add(handler);
	}

	/**
	 * Calls the handlers of an event. With no handler the sender gets no answer, as in
	 * socket.io.
	 */
	void dispatch(String nsp, String event, List<Object> args, ServerSideAck ack) {
		List<ServerSideEmitHandler> list = this.handlers.get(key(nsp, event));
		if (list == null) {
			return;
		}
		ServerSideAck once = NO_ACK;
		if (ack != null) {
			AtomicBoolean answered = new AtomicBoolean();
			once = (response) -> {
				if (answered.compareAndSet(false, true)) {
					ack.send(response);
				}
			};
		}
		for (ServerSideEmitHandler handler : list) {
			try {
				handler.onEvent(args, once);
			}
			catch (RuntimeException ex) {
				logger.warn("Server-side event handler for '{}' failed", event, ex);
			}
		}
	}

	private static String key(String nsp, String event) {
		return nsp + '\u0000' + event;
	}

}

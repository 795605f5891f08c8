package dev.clusteradapter.cluster.ipc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * The {@link ClusterBus.Listener}s of one node; a failing listener is logged and does not
 * keep the others, or the link, from working.
 */
final class BusListeners {

	private static final Log logger = LogFactory.getLog(BusListeners.class);

	private final List<ClusterBus.Listener> listeners = new CopyOnWriteArrayList<>();

	void add(ClusterBus.Listener listener) {
		this.listeners.add(listener);
	}

	void message(int source, int type, byte[] payload) {
		each((listener) -> listener.onMessage(source, type, payload));
	}

	void peerJoined(int node) {
		each((listener) -> listener.onPeerJoined(node));
	}

	void peerLeft(int node) {
		each((listener) -> listener.onPeerLeft(node));
	}

	private void each(Consumer<ClusterBus.Listener> call) {
		for (ClusterBus.Listener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Cluster bus listener " + listener + " failed", ex);
			}
		}
	}

}

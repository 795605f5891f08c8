package dev.clusteradapter.cluster.adapter;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.corundumstudio.socketio.store.Store;

/**
 * Per-session store kept on the node that owns the session (sessions are sticky), so it dies
 * with the session; its entries are the socket's {@code data} in fetched sockets.
 */
final class SessionStore implements Store {

	private final Map<String, Object> entries = new ConcurrentHashMap<>();

	@Override
	public void set(String key, Object value) {
		if (value == null) {
			this.entries.remove(key);
		}
		else {
			this.entries.put(key, value);
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T get(String key) {
		return (T) this.entries.get(key);
	}

	@Override
	public boolean has(String key) {
		return this.entries.containsKey(key);
	}

	@Override
	public void del(String key) {
		this.entries.remove(key);
	}

	Map<String, Object> entries() {
		return Collections.unmodifiableMap(this.entries);
	}

}

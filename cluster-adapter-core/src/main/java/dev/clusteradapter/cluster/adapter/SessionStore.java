package dev.clusteradapter.cluster.adapter;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.corundumstudio.socketio.store.Store;

/**
 * Per-session store kept on the node that owns the session (sessions are sticky), so it dies
 * with the session; its entries are the socket's {@code data} in fetched sockets. It also
 * keeps the session's {@link EncodedSnapshot}, so that a {@code fetchSockets()} of every
 * socket encodes only what changed since the last one.
 */
final class SessionStore implements Store {

	private final Map<String, Object> entries = new ConcurrentHashMap<>();

	// bumped after every change, so a snapshot encoded at version v holds at least the changes up to v
	private final AtomicLong version = new AtomicLong();

	private volatile EncodedSnapshot snapshot;

	@Override
	public void set(String key, Object value) {
		if (value == null) {
			this.entries.remove(key);
		}
		else {
			this.entries.put(key, value);
		}
		this.version.incrementAndGet();
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
		this.version.incrementAndGet();
	}

	Map<String, Object> entries() {
		return Collections.unmodifiableMap(this.entries);
	}

	long version() {
		return this.version.get();
	}

	EncodedSnapshot snapshot() {
		return this.snapshot;
	}

	void snapshot(EncodedSnapshot snapshot) {
		this.snapshot = snapshot;
	}

}

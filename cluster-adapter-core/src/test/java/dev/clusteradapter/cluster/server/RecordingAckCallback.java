package dev.clusteradapter.cluster.server;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.corundumstudio.socketio.BroadcastAckCallback;
import com.corundumstudio.socketio.SocketIOClient;

/** A user's broadcast callback, recording what it is told. */
class RecordingAckCallback<T> extends BroadcastAckCallback<T> {

	final Map<UUID, T> answers = new ConcurrentHashMap<>();

	final Map<UUID, SocketIOClient> answeredBy = new ConcurrentHashMap<>();

	final Set<UUID> timedOut = ConcurrentHashMap.newKeySet();

	final AtomicInteger allSuccess = new AtomicInteger();

	/** {@link System#nanoTime()} of the last {@code onClientTimeout}. */
	volatile long lastTimeoutNanos;

	/** Answers known when {@code onAllSuccess} ran; -1 before. */
	volatile int answersAtAllSuccess = -1;

	RecordingAckCallback(Class<T> resultClass, int timeoutSeconds) {
		super(resultClass, timeoutSeconds);
	}

	@Override
	protected void onClientSuccess(SocketIOClient client, T result) {
		this.answeredBy.put(client.getSessionId(), client);
		this.answers.put(client.getSessionId(), result);
	}

	@Override
	protected void onClientTimeout(SocketIOClient client) {
		this.lastTimeoutNanos = System.nanoTime();
		this.timedOut.add(client.getSessionId());
	}

	@Override
	protected void onAllSuccess() {
		this.answersAtAllSuccess = this.answers.size();
		this.allSuccess.incrementAndGet();
	}

}

package dev.clusteradapter.cluster.ipc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * A {@link ClusterBus.Listener} that records what it is told, for tests.
 */
class RecordingListener implements ClusterBus.Listener {

	final List<Message> messages = new CopyOnWriteArrayList<>();

	final List<Integer> joined = new CopyOnWriteArrayList<>();

	final List<Integer> left = new CopyOnWriteArrayList<>();

	final List<Long> leftAtNanos = new CopyOnWriteArrayList<>();

	@Override
	public void onMessage(int sourceNode, int type, byte[] payload) {
		this.messages.add(new Message(sourceNode, type, payload));
	}

	@Override
	public void onPeerJoined(int node) {
		this.joined.add(node);
	}

	@Override
	public void onPeerLeft(int node) {
		this.leftAtNanos.add(System.nanoTime());
		this.left.add(node);
	}

	List<String> texts() {
		return this.messages.stream().map((message) -> new String(message.payload())).toList();
	}

	record Message(int source, int type, byte[] payload) {

	}

}

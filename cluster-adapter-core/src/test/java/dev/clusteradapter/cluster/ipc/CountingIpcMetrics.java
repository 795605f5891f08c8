package dev.clusteradapter.cluster.ipc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link IpcMetrics} that counts, for tests.
 */
class CountingIpcMetrics implements IpcMetrics {

	final AtomicInteger malformed = new AtomicInteger();

	final AtomicInteger backPressureClosed = new AtomicInteger();

	final AtomicInteger dropped = new AtomicInteger();

	final Map<Rejection, AtomicInteger> rejections = new ConcurrentHashMap<>();

	@Override
	public void malformedFrame() {
		this.malformed.incrementAndGet();
	}

	@Override
	public void droppedFrame(int type) {
		this.dropped.incrementAndGet();
	}

	@Override
	public void peerRejected(Rejection reason) {
		this.rejections.computeIfAbsent(reason, (key) -> new AtomicInteger()).incrementAndGet();
	}

	@Override
	public void linkClosedForBackPressure(int node) {
		this.backPressureClosed.incrementAndGet();
	}

	int rejected(Rejection reason) {
		AtomicInteger count = this.rejections.get(reason);
		return (count != null) ? count.get() : 0;
	}

	int rejected() {
		return this.rejections.values().stream().mapToInt(AtomicInteger::get).sum();
	}

}

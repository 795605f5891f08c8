package dev.clusteradapter.cluster.sticky;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link RouterMetrics} that counts, for assertions.
 */
final class RecordingMetrics implements RouterMetrics {

	final Map<RoutingOutcome, AtomicInteger> decisions = new ConcurrentHashMap<>();

	final Map<Integer, AtomicInteger> newSessionsByWorker = new ConcurrentHashMap<>();

	final AtomicInteger toOwner = new AtomicInteger();

	@Override
	public void routed(int workerId, boolean sessionOwner) {
		if (sessionOwner) {
			this.toOwner.incrementAndGet();
		}
		else {
			this.newSessionsByWorker.computeIfAbsent(workerId, (id) -> new AtomicInteger()).incrementAndGet();
		}
	}

	@Override
	public void decision(StickyMode mode, RoutingOutcome outcome) {
		this.decisions.computeIfAbsent(outcome, (o) -> new AtomicInteger()).incrementAndGet();
	}

	int count(RoutingOutcome outcome) {
		AtomicInteger count = this.decisions.get(outcome);
		return (count != null) ? count.get() : 0;
	}

}

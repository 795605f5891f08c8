package dev.clusteradapter.cluster.adapter;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import dev.clusteradapter.cluster.WorkerStatus.RequestTotal;

/**
 * Counts and times the adapter's settled requests per type and outcome for the life of this
 * JVM, without a meter registry: a worker reports {@link #snapshot()} in its heartbeats so
 * that the primary can publish them. Safe for concurrent use.
 */
public final class RequestTotals implements AdapterMetrics {

	private static final RequestType[] TYPES = RequestType.values();

	private static final RequestOutcome[] OUTCOMES = RequestOutcome.values();

	private final LongAdder[] counts = adders();

	private final LongAdder[] nanos = adders();

	@Override
	public void requestCompleted(RequestType type, RequestOutcome outcome, Duration duration) {
		int slot = type.ordinal() * OUTCOMES.length + outcome.ordinal();
		// The time first, so that a snapshot never shows a count without its time.
		this.nanos[slot].add(Math.max(duration.toNanos(), 0));
		this.counts[slot].increment();
	}

	/**
	 * The totals so far of every type and outcome seen at least once.
	 * @return totals keyed {@code type:outcome}, as {@link RequestType#tag()} and
	 * {@link RequestOutcome#tag()}
	 */
	public Map<String, RequestTotal> snapshot() {
		Map<String, RequestTotal> totals = new LinkedHashMap<>();
		for (int slot = 0; slot < this.counts.length; slot++) {
			long count = this.counts[slot].sum();
			if (count > 0) {
				totals.put(key(TYPES[slot / OUTCOMES.length], OUTCOMES[slot % OUTCOMES.length]),
						new RequestTotal(count, this.nanos[slot].sum()));
			}
		}
		return totals;
	}

	/**
	 * Key of a type and outcome in {@link #snapshot()} and in
	 * {@link dev.clusteradapter.cluster.WorkerStatus#requests()}.
	 * @param type the request type
	 * @param outcome how it settled
	 * @return {@code type:outcome}
	 */
	public static String key(RequestType type, RequestOutcome outcome) {
		return type.tag() + ":" + outcome.tag();
	}

	private static LongAdder[] adders() {
		LongAdder[] adders = new LongAdder[TYPES.length * OUTCOMES.length];
		for (int i = 0; i < adders.length; i++) {
			adders[i] = new LongAdder();
		}
		return adders;
	}

}

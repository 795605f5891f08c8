package dev.clusteradapter.cluster.autoconfigure.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

import io.micrometer.core.instrument.Meter;

/**
 * Meters of one name, one per slot of a small fixed tag space, registered on first use: the
 * hooks run on I/O threads, where a registry lookup per event would allocate.
 *
 * @param <M> meter type
 */
final class MeterSlots<M extends Meter> {

	private final AtomicReferenceArray<M> meters;

	private final IntFunction<M> registration;

	MeterSlots(int size, IntFunction<M> registration) {
		this.meters = new AtomicReferenceArray<>(size);
		this.registration = registration;
	}

	M get(int slot) {
		M meter = this.meters.get(slot);
		if (meter == null) {
			// a race registers twice, and the registry hands both callers the same meter
			meter = this.registration.apply(slot);
			this.meters.set(slot, meter);
		}
		return meter;
	}

}

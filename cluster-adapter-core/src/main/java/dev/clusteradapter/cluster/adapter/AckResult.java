package dev.clusteradapter.cluster.adapter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Answers to a broadcast with acknowledgement, as socket.io's {@code emitWithAck} on a
 * broadcast operator: one response per client that answered.
 *
 * @param responses each answering client's first ack argument ({@code null} when it sent none)
 * @param timedOut whether some client did not answer (timeout, disconnection or its node left)
 */
public record AckResult(List<Object> responses, boolean timedOut) {

	public AckResult {
		responses = Collections.unmodifiableList(new ArrayList<>(responses));
	}

}

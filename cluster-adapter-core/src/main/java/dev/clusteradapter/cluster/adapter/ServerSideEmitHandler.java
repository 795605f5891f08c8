package dev.clusteradapter.cluster.adapter;

import java.util.List;

/**
 * Handles an event that another node sent with {@code serverSideEmit}. Called on the
 * transport thread, in the order the sender emitted: hand long work to an executor, and
 * never wait there for a cluster future (its answers arrive on that same thread).
 */
@FunctionalInterface
public interface ServerSideEmitHandler {

	/**
	 * @param args the event arguments (maps, lists, strings, numbers, booleans, byte arrays)
	 * @param ack answers the sender; a no-op when the sender expects no answer, and only the
	 * first call counts
	 */
	void onEvent(List<Object> args, ServerSideAck ack);

}

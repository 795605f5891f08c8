package dev.clusteradapter.cluster;

import java.util.Set;

/**
 * The bus of a standalone process: a cluster of one, so there is nobody to reach and
 * nothing ever arrives.
 */
public final class StandaloneBus implements ClusterBus {

	/** Node id of a standalone process. */
	public static final int NODE_ID = 1;

	@Override
	public int nodeId() {
		return NODE_ID;
	}

	@Override
	public void publish(int type, byte[] payload) {
	}

	@Override
	public void send(int targetNode, int type, byte[] payload) {
	}

	@Override
	public Set<Integer> peers() {
		return Set.of();
	}

	@Override
	public void addListener(Listener listener) {
	}

}

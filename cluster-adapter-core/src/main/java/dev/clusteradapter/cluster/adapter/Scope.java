package dev.clusteradapter.cluster.adapter;

import java.util.Set;

import dev.clusteradapter.cluster.ClusterBus;

/**
 * Which nodes an operation reaches: this node and/or some peers; {@code everyPeer} sends one
 * published message instead of one per peer.
 */
record Scope(boolean includesSelf, Set<Integer> peers, boolean everyPeer) {

	static Scope cluster(ClusterBus bus) {
		return new Scope(true, bus.peers(), true);
	}

	static Scope thisNode() {
		return new Scope(true, Set.of(), false);
	}

	static Scope node(ClusterBus bus, int node) {
		return (node == bus.nodeId()) ? thisNode() : new Scope(false, Set.of(node), false);
	}

}

package dev.clusteradapter.cluster.adapter;

import java.util.Set;


/**
 * Which nodes an operation reaches: this node and/or some peers; {@code everyPeer} sends one
 * published message instead of one per peer.
 */
record Scope(boolean includesSelf, Set<Integer> peers, boolean everyPeer) {

	static Scope cluster(AdapterTransport transport) {
		return new Scope(true, transport.peers(), true);
	}

	static Scope thisNode() {
		return new Scope(true, Set.of(), false);
	}

	static Scope node(AdapterTransport transport, int node) {
		return (node == transport.nodeId()) ? thisNode() : new Scope(false, Set.of(node), false);
	}

}

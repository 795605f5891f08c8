package dev.clusteradapter.cluster.supervisor;

import java.nio.charset.StandardCharsets;

/**
 * The prefix put before each line a worker JVM writes, such as {@code [worker-2] }. A
 * standby's changes when it is adopted, from {@code [standby] } to its worker's.
 */
final class OutputLabel {

	private volatile byte[] prefix;

	OutputLabel(String name) {
		rename(name);
	}

	/**
	 * Labels the lines from now on.
	 * @param name {@code worker-<id>} or {@code standby}
	 */
	void rename(String name) {
		this.prefix = ("[" + name + "] ").getBytes(StandardCharsets.UTF_8);
	}

	byte[] prefix() {
		return this.prefix;
	}

}

package dev.clusteradapter.benchmarks.scenario;

import java.io.IOException;
import java.util.List;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.client.EventListener;
import dev.clusteradapter.benchmarks.target.ProcessStats;
import dev.clusteradapter.benchmarks.target.Target;

/**
 * Memory held for idle connections: the used heap of the JVMs holding connections after a
 * full collection, before and with a number of idle WebSocket clients (divided by that
 * number), and the primary's used heap and resident set with none and with many.
 */
public final class IdleMemory {

	private final EngineIoClient client;

	/**
	 * Measurements driven by a load client.
	 * @param client the load client
	 */
	public IdleMemory(EngineIoClient client) {
		this.client = client;
	}

	/**
	 * Measures, then closes every client.
	 * @param target the server
	 * @param heapClients idle clients for the heap figure
	 * @param rssClients idle clients for the resident-set figure (at least {@code heapClients})
	 * @param jvm whether the connection holders are JVMs ({@code jcmd} works on them)
	 * @return the figures
	 * @throws Exception when clients do not connect or jcmd fails
	 */
	public Result run(Target target, int heapClients, int rssClients, boolean jvm) throws Exception {
		List<Long> holders = target.connectionHolderPids();
		long primary = target.primaryPid().orElseThrow();
		try (Fleet fleet = new Fleet(this.client, target.uri(), EventListener.NONE)) {
			Clock.sleep(1000);
			long heapBefore = jvm ? usedHeap(holders) : 0;
			long primaryHeapBefore = jvm ? ProcessStats.usedHeapAfterGc(primary) : 0;
			long rssBefore = ProcessStats.residentBytes(primary);
			fleet.grow(heapClients);
			Clock.sleep(1000);
			double heapPerConnection = jvm ? (double) (usedHeap(holders) - heapBefore) / heapClients : Double.NaN;
			fleet.grow(rssClients - heapClients);
			Clock.sleep(2000);
			long rssWith = ProcessStats.residentBytes(primary);
			double primaryHeapPerConnection = jvm
					? (double) (ProcessStats.usedHeapAfterGc(primary) - primaryHeapBefore) / rssClients : Double.NaN;
			return new Result(heapPerConnection, primaryHeapPerConnection, rssBefore, rssWith, rssClients);
		}
	}

	private static long usedHeap(List<Long> pids) throws IOException {
		long used = 0;
		for (long pid : pids) {
			used += ProcessStats.usedHeapAfterGc(pid);
		}
		return used;
	}

	/**
	 * Figures of one run.
	 * @param heapBytesPerConnection heap of the connection holders per idle connection (NaN when not a JVM)
	 * @param primaryHeapBytesPerConnection growth of the primary's heap per connection, with
	 * the second number of clients (NaN when not a JVM)
	 * @param primaryRssIdle primary's resident set with no client, bytes
	 * @param primaryRssConnected primary's resident set with the clients, bytes
	 * @param connected how many clients for the second figure
	 */
	public record Result(double heapBytesPerConnection, double primaryHeapBytesPerConnection, long primaryRssIdle,
			long primaryRssConnected, int connected) {

		/**
		 * Growth of the primary's resident set per connection.
		 * @return bytes
		 */
		public double primaryRssPerConnection() {
			return (double) (this.primaryRssConnected - this.primaryRssIdle) / this.connected;
		}

	}

}

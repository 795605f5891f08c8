package dev.clusteradapter.benchmarks.scenario;

import java.util.concurrent.TimeUnit;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.client.EngineIoSocket;
import dev.clusteradapter.benchmarks.client.EventListener;
import dev.clusteradapter.benchmarks.client.LatencyHistogram;
import dev.clusteradapter.benchmarks.target.Target;

/**
 * Requests that reach every worker and wait for all of them, sent one after another from
 * one socket while many others sit connected (spread over the public ports of a fleet):
 * {@code who null} (fetchSockets cluster-wide) and {@code cluster} (server-side emit with acknowledgements). Every measured reply is
 * checked: a fetch must list every connected socket, a server-side emit must hear from every
 * worker.
 */
public final class ClusterRequests {

	// the JIT of the requesting worker needs hundreds of round trips to settle (30 left p50s twice as high)
	private static final int WARM_UP = 500;

	private final EngineIoClient client;

	/**
	 * Requests driven by a load client.
	 * @param client the load client
	 */
	public ClusterRequests(EngineIoClient client) {
		this.client = client;
	}

	/**
	 * Connects the sockets, then measures both kinds of request.
	 * @param target the server
	 * @param sockets connected sockets, the requester included
	 * @param requests measured requests of each kind (after a short warm-up)
	 * @return round trips, and whether the replies were complete
	 * @throws Exception when sockets do not connect or a request fails
	 */
	public Result run(Target target, int sockets, int requests) throws Exception {
		try (Fleet fleet = new Fleet(this.client, target.uris(), EventListener.NONE).grow(sockets)) {
			Clock.sleep(500);
			EngineIoSocket requester = fleet.sockets().get(0);
			LatencyHistogram fetch = new LatencyHistogram();
			LatencyHistogram serverSideEmit = new LatencyHistogram();
			String servers = "\"servers\":" + target.workers();
			int shortFetches = 0;
			int shortEmits = 0;
			String lastShort = "";
			for (int i = 0; i < WARM_UP + requests; i++) {
				long start = System.nanoTime();
				String listing = requester.emitWithAck("who", "null").get(10, TimeUnit.SECONDS);
				if (i >= WARM_UP) {
					fetch.record(System.nanoTime() - start);
					int listed = occurrences(listing, "\"id\"");
					if (listed != sockets) {
						shortFetches++;
						lastShort = "fetchSockets listed " + listed + " of " + sockets + " sockets";
					}
				}
			}
			for (int i = 0; i < WARM_UP + requests; i++) {
				long start = System.nanoTime();
				String reply = requester.emitWithAck("cluster", "").get(10, TimeUnit.SECONDS);
				if (i >= WARM_UP) {
					serverSideEmit.record(System.nanoTime() - start);
					if (!reply.contains(servers)) {
						shortEmits++;
						lastShort = "serverSideEmit answered " + reply;
					}
				}
			}
			return new Result(fetch.percentileMillis(0.5), fetch.percentileMillis(0.99),
					serverSideEmit.percentileMillis(0.5), serverSideEmit.percentileMillis(0.99), shortFetches, shortEmits,
					lastShort);
		}
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			count++;
		}
		return count;
	}

	/**
	 * Figures of one run.
	 * @param fetchP50Millis fetchSockets round-trip median
	 * @param fetchP99Millis fetchSockets round-trip 99th percentile
	 * @param emitP50Millis server-side emit with ack, round-trip median
	 * @param emitP99Millis server-side emit with ack, 99th percentile
	 * @param shortFetches measured fetches whose reply did not list every connected socket
	 * @param shortEmits measured server-side emits that did not hear from every worker
	 * @param lastShort what the last incomplete reply held, empty when none was
	 */
	public record Result(double fetchP50Millis, double fetchP99Millis, double emitP50Millis, double emitP99Millis,
			int shortFetches, int shortEmits, String lastShort) {

		/**
		 * Whether every measured reply was complete.
		 * @return whether none was short
		 */
		public boolean complete() {
			return this.shortFetches == 0 && this.shortEmits == 0;
		}

	}

}

package dev.clusteradapter.benchmarks.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.clusteradapter.benchmarks.client.EngineIoClient;
import dev.clusteradapter.benchmarks.client.EngineIoSocket;
import dev.clusteradapter.benchmarks.client.EventListener;
import dev.clusteradapter.benchmarks.client.LatencyHistogram;
import dev.clusteradapter.benchmarks.target.Target;

/**
 * A connection storm: WebSocket and long-polling clients arriving at an even pace over a
 * window (one polling client every {@code webSockets / polling + 1} arrivals). Each
 * handshake counts from the TCP connect to the server's {@code 40{...}}; a failure is any
 * error or a handshake not done 15 s after the last arrival. A few handshakes of each kind
 * run first, uncounted.
 */
public final class ConnectionStorm {

	private static final int WARM_UP = 30;

	private final EngineIoClient client;

	/**
	 * A storm driven by a load client.
	 * @param client the load client
	 */
	public ConnectionStorm(EngineIoClient client) {
		this.client = client;
	}

	/**
	 * Runs one storm, then closes every WebSocket it opened (polling sessions close themselves).
	 * @param target the server
	 * @param webSockets WebSocket clients
	 * @param polling long-polling clients
	 * @param seconds the arrival window
	 * @return failures and handshake latencies
	 */
	public Result run(Target target, int webSockets, int polling, double seconds) {
		warmUp(target);
		int total = webSockets + polling;
		int every = (polling > 0) ? Math.max(2, total / polling) : Integer.MAX_VALUE;
		LatencyHistogram ws = new LatencyHistogram();
		LatencyHistogram poll = new LatencyHistogram();
		List<CompletableFuture<?>> arrivals = new ArrayList<>(total);
		List<CompletableFuture<?>> pollingArrivals = new ArrayList<>(polling);
		List<EngineIoSocket> opened = new ArrayList<>(webSockets);
		int[] polls = new int[1];
		Clock.pace(total, total / seconds, (i) -> {
			if (i % every == every - 1 && polls[0] < polling) {
				polls[0]++;
				CompletableFuture<?> arrival = this.client.pollingHandshake(target.uri()).thenAccept(poll::record);
				arrivals.add(arrival);
				pollingArrivals.add(arrival);
			}
			else {
				arrivals.add(this.client.connect(target.uri(), EventListener.NONE).thenAccept((socket) -> {
					ws.record(socket.handshakeNanos());
					synchronized (opened) {
						opened.add(socket);
					}
				}));
			}
		});
		try {
			CompletableFuture.allOf(arrivals.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			// counted below
		}
		long failures = arrivals.stream().filter(ConnectionStorm::failed).count();
		long pollingFailures = pollingArrivals.stream().filter(ConnectionStorm::failed).count();
		String firstFailure = arrivals.stream().filter(ConnectionStorm::failed).findFirst().map(ConnectionStorm::cause)
			.orElse("");
		List<EngineIoSocket> toClose;
		synchronized (opened) {
			toClose = new ArrayList<>(opened);
		}
		toClose.forEach(EngineIoSocket::close);
		try {
			CompletableFuture.allOf(toClose.stream().map(EngineIoSocket::closed).toArray(CompletableFuture[]::new))
				.get(20, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			// stragglers close on their own
		}
		LatencyHistogram all = new LatencyHistogram();
		return new Result(failures, pollingFailures, firstFailure, ws.percentileMillis(0.5), ws.percentileMillis(0.99),
				poll.percentileMillis(0.5), poll.percentileMillis(0.99), merged(ws, poll, 0.99, all));
	}

	/**
	 * A few handshakes of each kind, one at a time and not counted: a cold JIT on either side
	 * would otherwise stall the first arrivals for seconds and queue the rest behind them.
	 */
	private void warmUp(Target target) {
		for (int i = 0; i < WARM_UP; i++) {
			try {
				this.client.pollingHandshake(target.uri()).get(15, TimeUnit.SECONDS);
				this.client.connect(target.uri(), EventListener.NONE).get(15, TimeUnit.SECONDS).close();
			}
			catch (Exception ex) {
				// the storm counts failures; the warm-up only warms
			}
		}
	}

	private static boolean failed(CompletableFuture<?> arrival) {
		return !arrival.isDone() || arrival.isCompletedExceptionally();
	}

	private static String cause(CompletableFuture<?> arrival) {
		if (!arrival.isDone()) {
			return "not done 15 s after the last arrival";
		}
		try {
			arrival.join();
			return "";
		}
		catch (RuntimeException ex) {
			return String.valueOf((ex.getCause() != null) ? ex.getCause() : ex);
		}
	}

	private static double merged(LatencyHistogram a, LatencyHistogram b, double fraction, LatencyHistogram into) {
		into.add(a);
		into.add(b);
		return into.percentileMillis(fraction);
	}

	/**
	 * Figures of one storm.
	 * @param failures handshakes that failed or did not finish
	 * @param pollingFailures the long-polling ones among them
	 * @param firstFailure the cause of the first failure, empty without any
	 * @param webSocketP50Millis WebSocket handshake median
	 * @param webSocketP99Millis WebSocket handshake 99th percentile
	 * @param pollingP50Millis polling handshake median
	 * @param pollingP99Millis polling handshake 99th percentile
	 * @param allP99Millis 99th percentile of every handshake
	 */
	public record Result(long failures, long pollingFailures, String firstFailure, double webSocketP50Millis,
			double webSocketP99Millis, double pollingP50Millis, double pollingP99Millis, double allP99Millis) {
	}

}

package dev.clusteradapter.cluster.sticky;

import java.time.Duration;

/**
 * Settings of a {@link StickyRouter}.
 *
 * @param host address to listen on
 * @param port port to listen on, {@code 0} for any free one
 * @param mode how routed connections reach their worker
 * @param loadBalancing how a worker is picked for a request without a live session
 * @param maxHeaderSize largest request line, and largest header block, in bytes; larger
 * requests get {@code 431}
 * @param headTimeout time a new connection has to send its first request head
 * @param ioThreads I/O threads, {@code 0} for Netty's default
 */
public record StickyRouterOptions(String host, int port, StickyMode mode, LoadBalancing loadBalancing,
		int maxHeaderSize, Duration headTimeout, int ioThreads) {

	/** Default of {@link #maxHeaderSize()}: 8 KiB. */
	public static final int DEFAULT_MAX_HEADER_SIZE = 8 * 1024;

	/** Default of {@link #headTimeout()}: 10 seconds. */
	public static final Duration DEFAULT_HEAD_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Default settings for a host and port: {@link StickyMode#AUTO},
	 * {@link LoadBalancing#LEAST_CONNECTION}, 8 KiB heads, 10 s to send one.
	 * @param host address to listen on
	 * @param port port to listen on
	 * @return the settings
	 */
	public static StickyRouterOptions of(String host, int port) {
		return new StickyRouterOptions(host, port, StickyMode.AUTO, LoadBalancing.LEAST_CONNECTION,
				DEFAULT_MAX_HEADER_SIZE, DEFAULT_HEAD_TIMEOUT, 0);
	}

	/**
	 * These settings with another mode.
	 * @param mode the mode
	 * @return new settings
	 */
	public StickyRouterOptions withMode(StickyMode mode) {
		return new StickyRouterOptions(this.host, this.port, mode, this.loadBalancing, this.maxHeaderSize,
				this.headTimeout, this.ioThreads);
	}

	/**
	 * These settings with another load-balancing method.
	 * @param loadBalancing the method
	 * @return new settings
	 */
	public StickyRouterOptions withLoadBalancing(LoadBalancing loadBalancing) {
		return new StickyRouterOptions(this.host, this.port, this.mode, loadBalancing, this.maxHeaderSize,
				this.headTimeout, this.ioThreads);
	}

	/**
	 * These settings with other limits.
	 * @param maxHeaderSize largest request line, and header block, in bytes
	 * @param headTimeout time to send the first request head
	 * @return new settings
	 */
	public StickyRouterOptions withLimits(int maxHeaderSize, Duration headTimeout) {
		return new StickyRouterOptions(this.host, this.port, this.mode, this.loadBalancing, maxHeaderSize,
				headTimeout, this.ioThreads);
	}

}

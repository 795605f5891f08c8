package dev.clusteradapter.cluster.ipc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link IpcHub} or an {@link IpcClient}. Both sides of one cluster need
 * the same secret; the other settings may differ.
 *
 * @param transport transport of the hub; a client takes it from the endpoint
 * @param socketDirectory private directory for the hub's Unix socket, or {@code null} for
 * a fresh temporary one removed at stop
 * @param host TCP address the hub binds
 * @param port TCP port the hub binds, {@code 0} for any free one
 * @param secret shared cluster secret
 * @param maxFrameSize largest frame, header included, that a side accepts or sends
 * @param outboundQueueLimit bytes that may wait for one link before it is closed; at least
 * {@code maxFrameSize}
 * @param heartbeatInterval how often a worker sends a heartbeat
 * @param heartbeatTimeout silence after which a link is declared dead; the hub's must exceed
 * its workers' heartbeat interval
 * @param authTimeout time a peer has to authenticate
 * @param ioThreads event loop threads of the hub or client
 */
public record IpcOptions(IpcTransport transport, Path socketDirectory, String host, int port, IpcSecret secret,
		int maxFrameSize, int outboundQueueLimit, Duration heartbeatInterval, Duration heartbeatTimeout,
		Duration authTimeout, int ioThreads) {

	/** Default {@link #maxFrameSize()}: 16 MiB. */
	public static final int DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024;

	/** Default {@link #outboundQueueLimit()}: 16 MiB. */
	public static final int DEFAULT_OUTBOUND_QUEUE_LIMIT = 16 * 1024 * 1024;

	/**
	 * Validates the settings.
	 * @param transport transport of the hub
	 * @param socketDirectory directory of the Unix socket, or {@code null}
	 * @param host TCP bind address
	 * @param port TCP port
	 * @param secret shared secret
	 * @param maxFrameSize largest frame
	 * @param outboundQueueLimit bound of one link's outbound queue
	 * @param heartbeatInterval heartbeat period
	 * @param heartbeatTimeout heartbeat silence limit
	 * @param authTimeout authentication time limit
	 * @param ioThreads event loop threads
	 */
	public IpcOptions {
		Objects.requireNonNull(transport, "transport");
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(secret, "secret");
		Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
		Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
		Objects.requireNonNull(authTimeout, "authTimeout");
		if (port < 0 || port > 0xFFFF) {
			throw new IllegalArgumentException("Bad port " + port);
		}
		if (maxFrameSize < IpcFrameCodec.HEADER_LENGTH + 256) {
			throw new IllegalArgumentException("maxFrameSize too small: " + maxFrameSize);
		}
		if (outboundQueueLimit < maxFrameSize) {
			// A single largest frame must fit, or it would close a healthy link.
			throw new IllegalArgumentException("outboundQueueLimit must be at least maxFrameSize");
		}
		if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
				|| heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
			throw new IllegalArgumentException("Need 0 < heartbeatInterval < heartbeatTimeout");
		}
		if (authTimeout.isNegative() || authTimeout.isZero()) {
			throw new IllegalArgumentException("authTimeout must be positive");
		}
		if (ioThreads < 1) {
			throw new IllegalArgumentException("ioThreads must be at least 1");
		}
	}

	/**
	 * A builder with the defaults: transport {@link IpcTransport#AUTO}, a fresh socket
	 * directory, {@code 127.0.0.1:0}, 16 MiB frames and queues, heartbeats every second with
	 * a 5 s timeout, a 5 s authentication timeout and one I/O thread.
	 * @param secret shared cluster secret
	 * @return the builder
	 */
	public static Builder builder(IpcSecret secret) {
		return new Builder(secret);
	}

	/**
	 * A builder starting from these settings.
	 * @return the builder
	 */
	public Builder toBuilder() {
		return new Builder(this.secret).transport(this.transport)
			.socketDirectory(this.socketDirectory)
			.host(this.host)
			.port(this.port)
			.maxFrameSize(this.maxFrameSize)
			.outboundQueueLimit(this.outboundQueueLimit)
			.heartbeatInterval(this.heartbeatInterval)
			.heartbeatTimeout(this.heartbeatTimeout)
			.authTimeout(this.authTimeout)
			.ioThreads(this.ioThreads);
	}

	/** Builds {@link IpcOptions}. */
	public static final class Builder {

		private final IpcSecret secret;

		private IpcTransport transport = IpcTransport.AUTO;

		private Path socketDirectory;

		private String host = "127.0.0.1";

		private int port;

		private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;

		private int outboundQueueLimit = DEFAULT_OUTBOUND_QUEUE_LIMIT;

		private Duration heartbeatInterval = Duration.ofSeconds(1);

		private Duration heartbeatTimeout = Duration.ofSeconds(5);

		private Duration authTimeout = Duration.ofSeconds(5);

		private int ioThreads = 1;

		private Builder(IpcSecret secret) {
			this.secret = secret;
		}

		/**
		 * Sets the transport.
		 * @param transport the transport
		 * @return this builder
		 */
		public Builder transport(IpcTransport transport) {
			this.transport = transport;
			return this;
		}

		/**
		 * Sets the directory of the Unix socket.
		 * @param socketDirectory the directory, or {@code null} for a fresh temporary one
		 * @return this builder
		 */
		public Builder socketDirectory(Path socketDirectory) {
			this.socketDirectory = socketDirectory;
			return this;
		}

		/**
		 * Sets the TCP bind address.
		 * @param host the address
		 * @return this builder
		 */
		public Builder host(String host) {
			this.host = host;
			return this;
		}

		/**
		 * Sets the TCP port.
		 * @param port the port, {@code 0} for any
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Sets the largest frame.
		 * @param maxFrameSize bytes, header included
		 * @return this builder
		 */
		public Builder maxFrameSize(int maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
			return this;
		}

		/**
		 * Sets the bound of one link's outbound queue.
		 * @param outboundQueueLimit bytes
		 * @return this builder
		 */
		public Builder outboundQueueLimit(int outboundQueueLimit) {
			this.outboundQueueLimit = outboundQueueLimit;
			return this;
		}

		/**
		 * Sets the heartbeat period.
		 * @param heartbeatInterval the period
		 * @return this builder
		 */
		public Builder heartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
			return this;
		}

		/**
		 * Sets the silence after which a link is dead.
		 * @param heartbeatTimeout the timeout
		 * @return this builder
		 */
		public Builder heartbeatTimeout(Duration heartbeatTimeout) {
			this.heartbeatTimeout = heartbeatTimeout;
			return this;
		}

		/**
		 * Sets the time a peer has to authenticate.
		 * @param authTimeout the timeout
		 * @return this builder
		 */
		public Builder authTimeout(Duration authTimeout) {
			this.authTimeout = authTimeout;
			return this;
		}

		/**
		 * Sets the number of event loop threads.
		 * @param ioThreads at least 1
		 * @return this builder
		 */
		public Builder ioThreads(int ioThreads) {
			this.ioThreads = ioThreads;
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public IpcOptions build() {
			return new IpcOptions(this.transport, this.socketDirectory, this.host, this.port, this.secret,
					this.maxFrameSize, this.outboundQueueLimit, this.heartbeatInterval, this.heartbeatTimeout,
					this.authTimeout, this.ioThreads);
		}

	}

}

package dev.clusteradapter.cluster.sticky;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.UnixChannelOption;

/**
 * Worker side of connection handover: listens on a Unix socket for connections the primary
 * hands over (see {@link StickyRouter}) and gives each to a {@link ConnectionAdopter}. Only
 * a peer running as this process's user may hand over; the socket file is {@code 0600}.
 */
public class HandoverReceiver implements AutoCloseable {

	private final Path socket;

	private final EventLoopGroup group;

	private final ConnectionAdopter adopter;

	private Channel listener;

	/**
	 * Creates a receiver; {@link #start()} binds it.
	 * @param socket path of the Unix socket, in a directory only this user can enter
	 * @param group epoll event loops for the handover links
	 * @param adopter who serves the connections
	 */
	public HandoverReceiver(Path socket, EventLoopGroup group, ConnectionAdopter adopter) {
		this.socket = socket;
		this.group = group;
		this.adopter = adopter;
	}

	/**
	 * Binds the socket, replacing a stale file left by a crashed worker.
	 * @throws IOException when the socket file cannot be prepared
	 * @throws InterruptedException when interrupted while binding
	 */
	public synchronized void start() throws IOException, InterruptedException {
		Files.deleteIfExists(this.socket);
		this.listener = new ServerBootstrap().group(this.group)
			.channel(EpollServerDomainSocketChannel.class)
			.childOption(UnixChannelOption.DOMAIN_SOCKET_READ_MODE, DomainSocketReadMode.FILE_DESCRIPTORS)
			.childHandler(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel link) {
					link.pipeline().addLast(new HandoverIntake(uid(), HandoverReceiver.this.adopter));
				}

			})
			.bind(new DomainSocketAddress(this.socket.toFile()))
			.sync()
			.channel();
		Files.setPosixFilePermissions(this.socket, PosixFilePermissions.fromString("rw-------"));
	}

	private int uid() {
		try {
			return (Integer) Files.getAttribute(this.socket, "unix:uid");
		}
		catch (IOException ex) {
			// No uid to compare with: refuse every peer.
			return -1;
		}
	}

	/**
	 * The socket path.
	 * @return the path given at construction
	 */
	public Path socket() {
		return this.socket;
	}

	/** Stops listening and removes the socket file; adopted connections stay. */
	@Override
	public synchronized void close() {
		if (this.listener != null) {
			this.listener.close().syncUninterruptibly();
			this.listener = null;
		}
		try {
			Files.deleteIfExists(this.socket);
		}
		catch (IOException ex) {
			// A stale file is replaced at the next start.
		}
	}

}

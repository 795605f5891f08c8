package dev.clusteradapter.cluster;

import java.util.Locale;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringAdoption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

/**
 * Netty transport of the client connections a Socket.IO server serves: its event loops, its
 * listening socket, and the channels it makes of connections handed over by the primary.
 */
public enum SocketTransport {

	/**
	 * {@link #EPOLL} where available, else {@link #NIO}: never {@link #IO_URING}, which took
	 * less CPU per delivery than epoll on the benchmark but breaks the outbound limit (see
	 * there).
	 */
	AUTO,

	/**
	 * Netty's native io_uring transport (Linux 5.9 or later, io_uring not disabled), only
	 * when set. A write completes after the flush that submits it, so the outbound limit,
	 * which counts what still waits right after a flush as what the client did not read,
	 * also counts bytes on their way to a client that reads: a burst over the limit between
	 * two completions disconnects it.
	 */
	IO_URING,

	/** Netty's native epoll transport (Linux). */
	EPOLL,

	/** Java NIO: anywhere, but connections cannot be handed over to it. */
	NIO;

	/**
	 * The transport this one stands for on this machine.
	 * @return {@link #IO_URING}, {@link #EPOLL} or {@link #NIO}
	 * @throws IllegalStateException when this transport is configured and unavailable
	 */
	public SocketTransport resolve() {
		return resolve(ioUringUnavailability() == null, Epoll.isAvailable());
	}

	/**
	 * The transport this one stands for, given what the machine offers.
	 * @param ioUring whether io_uring is available
	 * @param epoll whether native epoll is available
	 * @return {@link #IO_URING}, {@link #EPOLL} or {@link #NIO}
	 * @throws IllegalStateException when this transport is configured and unavailable
	 */
	SocketTransport resolve(boolean ioUring, boolean epoll) {
		if (this == AUTO) {
			return epoll ? EPOLL : NIO;
		}
		if ((this == IO_URING && !ioUring) || (this == EPOLL && !epoll)) {
			throw new IllegalStateException("Socket transport " + name().toLowerCase(Locale.ROOT)
					+ " is unavailable: " + ((this == IO_URING) ? ioUringAvailability() : NativeEpoll.availability()));
		}
		return this;
	}

	/**
	 * What this transport is on this machine, and why, for the start-up log: for example
	 * {@code "epoll (auto: native epoll is available)"} or
	 * {@code "nio (auto: native epoll is unavailable: ...)"}.
	 * @return the description
	 * @throws IllegalStateException as {@link #resolve()}
	 */
	public String describe() {
		String what = resolve().name().toLowerCase(Locale.ROOT);
		return what + ((this == AUTO) ? " (auto: " + NativeEpoll.availability() + ")" : " (configured)");
	}

	/**
	 * Event loops of this transport, resolved.
	 * @return the factory of their I/O handlers
	 */
	public IoHandlerFactory ioHandlerFactory() {
		return switch (resolve()) {
			case IO_URING -> IoUringIoHandler.newFactory();
			case EPOLL -> EpollIoHandler.newFactory();
			default -> NioIoHandler.newFactory();
		};
	}

	/**
	 * Listening socket of this transport, resolved.
	 * @return the server channel class
	 */
	public Class<? extends ServerChannel> serverSocketChannel() {
		return switch (resolve()) {
			case IO_URING -> IoUringServerSocketChannel.class;
			case EPOLL -> EpollServerSocketChannel.class;
			default -> NioServerSocketChannel.class;
		};
	}

	/**
	 * A channel of this transport, resolved, for a connected TCP socket accepted elsewhere,
	 * to register with this transport's event loops.
	 * @param fd the socket's file descriptor, which the channel owns from now on
	 * @return the unregistered channel
	 * @throws UnsupportedOperationException for {@link #NIO}, which cannot adopt a descriptor
	 */
	public SocketChannel socketChannel(int fd) {
		return switch (resolve()) {
			case IO_URING -> IoUringAdoption.socketChannel(fd);
			case EPOLL -> new EpollSocketChannel(fd);
			default -> throw new UnsupportedOperationException("A NIO server cannot adopt a socket descriptor");
		};
	}

	/**
	 * io_uring's availability, in words for a log line.
	 * @return {@code "io_uring is available"}, or {@code "io_uring is unavailable: "} and
	 * the first line of its cause
	 */
	public static String ioUringAvailability() {
		String cause = ioUringUnavailability();
		return (cause == null) ? "io_uring is available" : "io_uring is unavailable: " + cause;
	}

	/** Why io_uring cannot serve here, or {@code null} when it can. */
	private static String ioUringUnavailability() {
		try {
			if (!IoUring.isAvailable()) {
				Throwable cause = IoUring.unavailabilityCause();
				return (cause != null) ? NativeEpoll.firstLine(cause.toString()) : "no reason given";
			}
			// the bridge into Netty's package works only when one class loader defines both
			if (IoUringAdoption.class.getClassLoader() != IoUring.class.getClassLoader()) {
				return "Netty's io_uring classes are in another class loader than the starter's";
			}
			return null;
		}
		catch (LinkageError ex) {
			return "Netty's io_uring classes are missing: " + NativeEpoll.firstLine(ex.toString());
		}
	}

}

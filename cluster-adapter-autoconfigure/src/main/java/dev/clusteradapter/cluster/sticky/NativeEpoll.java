package dev.clusteradapter.cluster.sticky;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.unix.PeerCredentials;

/**
 * Netty's native epoll transport, reached by name: its classes come with the native library
 * at runtime scope, so this package compiles against the portable {@code unix} API only.
 */
final class NativeEpoll {

	private static final String PACKAGE = "io.netty.channel.epoll.";

	private static final Throwable UNAVAILABILITY_CAUSE = loadCause();

	private NativeEpoll() {
	}

	static boolean isAvailable() {
		return UNAVAILABILITY_CAUSE == null;
	}

	static Throwable unavailabilityCause() {
		return UNAVAILABILITY_CAUSE;
	}

	static IoHandlerFactory ioHandlerFactory() {
		return (IoHandlerFactory) invokeStatic("EpollIoHandler", "newFactory");
	}

	static Class<? extends ServerChannel> serverSocketChannel() {
		return type("EpollServerSocketChannel").asSubclass(ServerChannel.class);
	}

	static Class<? extends Channel> socketChannel() {
		return type("EpollSocketChannel").asSubclass(Channel.class);
	}

	static Class<? extends ServerChannel> serverDomainSocketChannel() {
		return type("EpollServerDomainSocketChannel").asSubclass(ServerChannel.class);
	}

	static Class<? extends Channel> domainSocketChannel() {
		return type("EpollDomainSocketChannel").asSubclass(Channel.class);
	}

	/**
	 * Wraps a connected TCP socket descriptor in an unregistered channel.
	 */
	static Channel socketChannel(int fd) {
		try {
			MethodHandle constructor = MethodHandles.publicLookup()
				.findConstructor(socketChannel(), MethodType.methodType(void.class, int.class));
			return (Channel) constructor.invoke(fd);
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Cannot adopt socket " + fd, ex);
		}
	}

	static PeerCredentials peerCredentials(Channel domainSocket) {
		try {
			return (PeerCredentials) domainSocket.getClass().getMethod("peerCredentials").invoke(domainSocket);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot read the peer's credentials", ex);
		}
	}

	private static Throwable loadCause() {
		try {
			return (Throwable) invokeStatic("Epoll", "unavailabilityCause");
		}
		catch (RuntimeException | LinkageError ex) {
			return ex;
		}
	}

	private static Object invokeStatic(String type, String method) {
		try {
			return type(type).getMethod(method).invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot call " + type + "." + method, ex);
		}
	}

	private static Class<?> type(String name) {
		try {
			return Class.forName(PACKAGE + name, true, NativeEpoll.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("Netty's native epoll transport is not on the classpath", ex);
		}
	}

}

package dev.clusteradapter.cluster.ipc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.unix.PeerCredentials;

/**
 * Netty's native epoll transport, reached by name: the Netty BOM gives the epoll artifacts
 * runtime scope, so its classes are on the runtime class path but not the compile one.
 * Declaring {@code io.netty:netty-transport-classes-epoll} with compile scope would let
 * this become plain references.
 */
final class NativeEpoll {

	private static final String PACKAGE = "io.netty.channel.epoll.";

	private NativeEpoll() {
	}

	static boolean isAvailable() {
		try {
			return (Boolean) Class.forName(PACKAGE + "Epoll").getMethod("isAvailable").invoke(null);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Unexpected Netty epoll API", ex);
		}
	}

	static IoHandlerFactory ioHandlerFactory() {
		if (!isAvailable()) {
			throw new IllegalStateException("Unix domain sockets need Netty's native epoll transport (Linux)");
		}
		return (IoHandlerFactory) invokeStatic("EpollIoHandler", "newFactory");
	}

	static Class<? extends ServerChannel> serverDomainSocketChannel() {
		return load("EpollServerDomainSocketChannel").asSubclass(ServerChannel.class);
	}

	static Class<? extends Channel> domainSocketChannel() {
		return load("EpollDomainSocketChannel").asSubclass(Channel.class);
	}

	/**
	 * The uid of the process at the other end of a Unix domain socket.
	 * @return the uid, or {@code -1} if the channel is not a domain socket or the kernel
	 * would not tell
	 */
	static int peerUid(Channel channel) {
		try {
			Method method = channel.getClass().getMethod("peerCredentials");
			return ((PeerCredentials) method.invoke(channel)).uid();
		}
		catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException ex) {
			return -1;
		}
	}

	private static Object invokeStatic(String type, String method) {
		try {
			return load(type).getMethod(method).invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Unexpected Netty epoll API", ex);
		}
	}

	private static Class<?> load(String type) {
		try {
			return Class.forName(PACKAGE + type);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("Netty's native epoll transport is not on the class path", ex);
		}
	}

}

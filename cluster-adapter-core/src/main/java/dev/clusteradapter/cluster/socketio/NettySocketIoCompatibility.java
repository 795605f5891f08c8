package dev.clusteradapter.cluster.socketio;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import com.corundumstudio.socketio.BroadcastAckBridge;
import com.corundumstudio.socketio.BroadcastAckCallback;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.ClientsBox;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.handler.TransportState;
import com.corundumstudio.socketio.messages.HttpMessage;
import com.corundumstudio.socketio.messages.OutPacketMessage;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, once, before the first server starts, the netty-socketio the application
 * resolved: a version other than the one this starter is tested with gets a warning naming
 * both; a member this package needs that is missing fails the start with a message naming
 * it, instead of a {@code NoSuchMethodError} on some client's first packet.
 */
public final class NettySocketIoCompatibility {

	/** The netty-socketio version this starter is built and tested with. */
	public static final String TESTED_VERSION = "2.0.14";

	static final String POM_PROPERTIES = "META-INF/maven/com.corundumstudio.socketio/netty-socketio/pom.properties";

	private static final String SERVER_CLASS = "com/corundumstudio/socketio/SocketIOServer.class";

	private static final Logger logger = LoggerFactory.getLogger(NettySocketIoCompatibility.class);

	private static volatile String failure;

	private static volatile boolean checked;

	private NettySocketIoCompatibility() {
	}

	/**
	 * Checks the netty-socketio on the class path the first time it is called; later calls
	 * repeat the outcome.
	 * @throws IllegalStateException when a member the starter needs is missing
	 */
	public static void verify() {
		if (!checked) {
			synchronized (NettySocketIoCompatibility.class) {
				if (!checked) {
					String version = version(SocketIOServer.class.getClassLoader());
					versionWarning(version).ifPresent(logger::warn);
					List<String> missing;
					try {
						missing = missing(requirements());
					}
					catch (LinkageError ex) {
						missing = List.of("a class: " + ex);
					}
					failure = missing.isEmpty() ? null : failure(version, missing);
					checked = true;
				}
			}
		}
		if (failure != null) {
			throw new IllegalStateException(failure);
		}
	}

	/**
	 * The version of the netty-socketio a class loader sees: from its jar's Maven
	 * {@code pom.properties}, else from the manifest of the jar holding
	 * {@code SocketIOServer} ({@code Implementation-Version}, else {@code Bundle-Version}).
	 * @param loader the class loader
	 * @return the version, or {@code null} when none is declared
	 */
	static String version(ClassLoader loader) {
		try (InputStream in = loader.getResourceAsStream(POM_PROPERTIES)) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				String version = properties.getProperty("version");
				if (version != null && !version.isBlank()) {
					return version.trim();
				}
			}
			URL server = loader.getResource(SERVER_CLASS);
			if (server != null) {
				URLConnection connection = server.openConnection();
				if (connection instanceof JarURLConnection jar) {
					jar.setUseCaches(false);
					Manifest manifest = jar.getManifest();
					return (manifest != null) ? manifestVersion(manifest.getMainAttributes()) : null;
				}
			}
			return null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String manifestVersion(Attributes attributes) {
		String version = attributes.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
		return (version != null) ? version : attributes.getValue("Bundle-Version");
	}

	/**
	 * What to warn of for a netty-socketio version.
	 * @param version the version found, or {@code null}
	 * @return the warning, or empty for the tested version
	 */
	static Optional<String> versionWarning(String version) {
		if (TESTED_VERSION.equals(version)) {
			return Optional.empty();
		}
		String found = (version != null) ? "netty-socketio " + version + " is on the class path"
				: "The version of the netty-socketio on the class path cannot be told (its jar declares none)";
		return Optional.of(found + ", but the Socket.IO cluster starter is tested with netty-socketio "
				+ TESTED_VERSION + " only: it reaches into netty-socketio's pipeline and sessions "
				+ "(dev.clusteradapter.cluster.socketio), which another version may have changed. "
				+ "Use netty-socketio " + TESTED_VERSION + " (the starter's dependency management declares it).");
	}

	static String failure(String version, List<String> missing) {
		return "netty-socketio " + ((version != null) ? version : "(version unknown)")
				+ " lacks what the Socket.IO cluster starter needs of it (tested with netty-socketio " + TESTED_VERSION
				+ "): " + String.join("; ", missing) + ". Use netty-socketio " + TESTED_VERSION + ".";
	}

	/**
	 * Every member of netty-socketio this package uses, as the package description lists them.
	 * @return the requirements
	 */
	static List<Requirement> requirements() {
		List<Requirement> requirements = new ArrayList<>();
		// EngineIoSession
		requirements.add(Requirement.field(ClientHead.class, "CLIENT"));
		requirements.add(Requirement.method(ClientHead.class, "getSessionId"));
		requirements.add(Requirement.method(ClientHead.class, "getEngineIOVersion"));
		requirements.add(Requirement.method(ClientHead.class, "getCurrentTransport"));
		requirements.add(Requirement.method(ClientHead.class, "getPacketsQueue", Transport.class));
		requirements.add(Requirement.method(ClientHead.class, "send", Packet.class, Transport.class));
		requirements.add(Requirement.method(ClientHead.class, "onChannelDisconnect"));
		requirements.add(Requirement.method(ClientHead.class, "disconnect"));
		requirements.add(Requirement.method(ClientHead.class, "isConnected"));
		requirements.add(Requirement.method(ClientHead.class, "getHandshakeData"));
		requirements.add(Requirement.method(ClientHead.class, "getLastBinaryPacket"));
		requirements.add(Requirement.method(ClientHead.class, "setLastBinaryPacket", Packet.class));
		requirements.add(Requirement.method(NamespaceClient.class, "getBaseClient"));
		// GatheredWrites
		requirements.add(Requirement.field(NamespaceClient.class, GatheredWrites.DISCONNECTED_FIELD));
		requirements.add(Requirement.field(ClientHead.class, SessionTransports.STATES_FIELD));
		requirements.add(Requirement.method(TransportState.class, "getPacketsQueue"));
		requirements.add(Requirement.method(TransportState.class, "setPacketsQueue", Queue.class));
		requirements.add(Requirement.method(TransportState.class, "getChannel"));
		// InboundPackets, OutboundPackets
		requirements.add(Requirement.constructor(PacketsMessage.class, ClientHead.class, ByteBuf.class, Transport.class));
		requirements.add(Requirement.method(PacketsMessage.class, "getClient"));
		requirements.add(Requirement.method(PacketsMessage.class, "getContent"));
		requirements.add(Requirement.method(PacketsMessage.class, "getTransport"));
		requirements.add(Requirement.constructor(OutPacketMessage.class, ClientHead.class, Transport.class));
		requirements.add(Requirement.method(OutPacketMessage.class, "getClientHead"));
		requirements.add(Requirement.method(OutPacketMessage.class, "getTransport"));
		requirements.add(Requirement.method(HttpMessage.class, "getSessionId"));
		requirements.add(Requirement.field(EncoderHandler.class, "WRITE_ONCE"));
		requirements.add(Requirement.field(EncoderHandler.class, "ORIGIN"));
		// SocketIoPipeline, EngineIoSessions
		requirements.add(Requirement.method(SocketIOChannelInitializer.class, "start", Configuration.class,
				NamespacesHub.class));
		requirements.add(Requirement.method(SocketIOChannelInitializer.class, "addSocketioHandlers",
				ChannelPipeline.class));
		requirements.add(Requirement.field(SocketIOChannelInitializer.class, SocketIoPipeline.SESSIONS_FIELD));
		requirements.add(Requirement.field(SocketIOChannelInitializer.class, SocketIoPipeline.SCHEDULER_FIELD));
		requirements.add(Requirement.method(SocketIOChannelInitializer.class, "onDisconnect", ClientHead.class));
		requirements.add(Requirement.method(ClientsBox.class, "get", UUID.class));
		requirements.add(Requirement.method(ClientsBox.class, "get", Channel.class));
		// SocketIoServerStart
		requirements.add(Requirement.field(SocketIOServer.class, SocketIoServerStart.CONFIGURATION_FIELD));
		requirements.add(Requirement.field(SocketIOServer.class, SocketIoServerStart.NAMESPACES_FIELD));
		requirements.add(Requirement.method(SocketIOChannelInitializer.class, "stop"));
		// SocketIoNamespaces
		requirements.add(Requirement.field(Namespace.class, "DEFAULT_NAME"));
		requirements.add(Requirement.method(Namespace.class, "getRoomClientsInCluster", String.class));
		// BroadcastAckCallbacks, through BroadcastAckBridge
		requirements.add(Requirement.field(BroadcastAckCallback.class, "resultClass"));
		requirements.add(Requirement.field(BroadcastAckCallback.class, "timeout"));
		requirements.add(Requirement.field(BroadcastAckCallback.class, "successExecuted"));
		requirements.add(Requirement.method(BroadcastAckCallback.class, "onClientSuccess", SocketIOClient.class,
				Object.class));
		requirements.add(Requirement.method(BroadcastAckCallback.class, "onClientTimeout", SocketIOClient.class));
		requirements.add(Requirement.method(BroadcastAckCallback.class, "onAllSuccess"));
		requirements.add(new Requirement("package-private access of " + BroadcastAckBridge.class.getName()
				+ " (netty-socketio and the starter must be loaded by one class loader, from the class path)",
				() -> BroadcastAckBridge.timeoutSeconds(new BroadcastAckCallback<>(Object.class))));
		return requirements;
	}

	/**
	 * The requirements that fail.
	 * @param requirements what to check
	 * @return a description of each missing member
	 */
	static List<String> missing(List<Requirement> requirements) {
		List<String> missing = new ArrayList<>();
		for (Requirement requirement : requirements) {
			try {
				requirement.check().run();
			}
			catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
				missing.add(requirement.description());
			}
		}
		return missing;
	}

	/**
	 * One member of netty-socketio the starter needs.
	 *
	 * @param description what it is, as a failure names it
	 * @param check throws when it is missing
	 */
	record Requirement(String description, Check check) {

		static Requirement method(Class<?> type, String name, Class<?>... parameters) {
			return new Requirement(type.getName() + "." + name + "(" + names(parameters) + ")",
					() -> declaredOrInherited(type, name, parameters));
		}

		static Requirement field(Class<?> type, String name) {
			return new Requirement(type.getName() + "." + name, () -> type.getDeclaredField(name));
		}

		static Requirement constructor(Class<?> type, Class<?>... parameters) {
			return new Requirement("new " + type.getName() + "(" + names(parameters) + ")",
					() -> type.getConstructor(parameters));
		}

		private static Method declaredOrInherited(Class<?> type, String name, Class<?>... parameters)
				throws NoSuchMethodException {
			for (Class<?> current = type; current != null; current = current.getSuperclass()) {
				try {
					Method method = current.getDeclaredMethod(name, parameters);
					if (!Modifier.isPrivate(method.getModifiers())) {
						return method;
					}
				}
				catch (NoSuchMethodException ex) {
					// looked up in the superclass next
				}
			}
			throw new NoSuchMethodException(type.getName() + "." + name);
		}

		private static String names(Class<?>... types) {
			List<String> names = new ArrayList<>();
			for (Class<?> type : types) {
				names.add(type.getSimpleName());
			}
			return String.join(", ", names);
		}

	}

	/** A lookup that throws when what it looks up is missing. */
	@FunctionalInterface
	interface Check {

		/**
		 * Looks the member up.
		 * @throws ReflectiveOperationException when it is missing
		 */
		void run() throws ReflectiveOperationException;

	}

}

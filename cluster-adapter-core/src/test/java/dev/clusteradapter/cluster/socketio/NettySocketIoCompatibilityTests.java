package dev.clusteradapter.cluster.socketio;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.messages.OutPacketMessage;
import io.netty.channel.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.clusteradapter.cluster.socketio.NettySocketIoCompatibility.Requirement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link NettySocketIoCompatibility}: the netty-socketio a build resolves is told
 * apart from the tested one, and what the seam needs of it is checked before a server starts.
 */
class NettySocketIoCompatibilityTests {

	@TempDir
	Path directory;

	@Test
	void resolvedNettySocketIoIsTheTestedOneAndHasEveryMemberTheSeamNeeds() {
		assertThat(NettySocketIoCompatibility.version(SocketIOServer.class.getClassLoader()))
			.isEqualTo(NettySocketIoCompatibility.TESTED_VERSION);
		assertThat(NettySocketIoCompatibility.missing(NettySocketIoCompatibility.requirements())).isEmpty();
		assertThat(NettySocketIoCompatibility.versionWarning(NettySocketIoCompatibility.TESTED_VERSION)).isEmpty();
		assertThatNoException().isThrownBy(NettySocketIoCompatibility::verify);
	}

	@Test
	void versionIsReadFromTheMavenPomProperties() throws IOException {
		Path properties = this.directory.resolve(NettySocketIoCompatibility.POM_PROPERTIES);
		Files.createDirectories(properties.getParent());
		Files.writeString(properties, "artifactId=netty-socketio\nversion=2.1.0\n", StandardCharsets.ISO_8859_1);
		try (URLClassLoader loader = isolated(this.directory.toUri().toURL())) {
			assertThat(NettySocketIoCompatibility.version(loader)).isEqualTo("2.1.0");
		}
	}

	@Test
	void withoutPomPropertiesVersionIsReadFromTheManifestOfTheServersJar() throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "2.0.15");
		Path jar = jar("implementation.jar", manifest);
		try (URLClassLoader loader = isolated(jar.toUri().toURL())) {
			assertThat(NettySocketIoCompatibility.version(loader)).isEqualTo("2.0.15");
		}
		manifest.getMainAttributes().remove(Attributes.Name.IMPLEMENTATION_VERSION);
		manifest.getMainAttributes().putValue("Bundle-Version", "2.0.16");
		Path bundle = jar("bundle.jar", manifest);
		try (URLClassLoader loader = isolated(bundle.toUri().toURL())) {
			assertThat(NettySocketIoCompatibility.version(loader)).isEqualTo("2.0.16");
		}
	}

	@Test
	void noDeclaredVersionIsNone() throws IOException {
		try (URLClassLoader loader = isolated(this.directory.toUri().toURL())) {
			assertThat(NettySocketIoCompatibility.version(loader)).isNull();
		}
	}

	@Test
	void anotherOrAnUnknownVersionIsWarnedOfNamingTheTestedOne() {
		assertThat(NettySocketIoCompatibility.versionWarning("2.1.0")).hasValueSatisfying((warning) -> assertThat(warning)
			.contains("netty-socketio 2.1.0 is on the class path")
			.contains("tested with netty-socketio 2.0.14"));
		assertThat(NettySocketIoCompatibility.versionWarning(null)).hasValueSatisfying((warning) -> assertThat(warning)
			.contains("cannot be told")
			.contains("tested with netty-socketio 2.0.14"));
	}

	@Test
	void missingMemberIsNamedInTheFailure() {
		List<String> missing = NettySocketIoCompatibility.missing(List.of(
				Requirement.method(ClientHead.class, "getSessionId"),
				Requirement.method(ClientHead.class, "getLastBinaryPacketOfAnotherVersion"),
				Requirement.field(ClientHead.class, "NO_SUCH_ATTRIBUTE")));
		assertThat(missing).containsExactly(
				"com.corundumstudio.socketio.handler.ClientHead.getLastBinaryPacketOfAnotherVersion()",
				"com.corundumstudio.socketio.handler.ClientHead.NO_SUCH_ATTRIBUTE");
		assertThat(NettySocketIoCompatibility.failure("2.1.0", missing))
			.startsWith("netty-socketio 2.1.0 lacks what the Socket.IO cluster starter needs of it")
			.contains("tested with netty-socketio 2.0.14")
			.contains("ClientHead.getLastBinaryPacketOfAnotherVersion()")
			.contains("ClientHead.NO_SUCH_ATTRIBUTE");
	}

	@Test
	void inheritedMethodsCountButPrivateOnesDoNot() {
		assertThat(NettySocketIoCompatibility.missing(List.of(
				Requirement.method(OutPacketMessage.class, "getSessionId"),
				Requirement.method(ClientHead.class, "sendPackets", Transport.class, Channel.class))))
			.containsExactly("com.corundumstudio.socketio.handler.ClientHead.sendPackets(Transport, Channel)");
	}

	/** A loader that sees only the given URL, not this test's class path. */
	private static URLClassLoader isolated(URL url) {
		return new URLClassLoader(new URL[] { url }, null);
	}

	private Path jar(String name, Manifest manifest) throws IOException {
		Path jar = this.directory.resolve(name);
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out, manifest)) {
			entries.putNextEntry(new JarEntry("com/corundumstudio/socketio/SocketIOServer.class"));
			entries.write(new byte[] { (byte) 0xCA, (byte) 0xFE });
			entries.closeEntry();
		}
		return jar;
	}

}

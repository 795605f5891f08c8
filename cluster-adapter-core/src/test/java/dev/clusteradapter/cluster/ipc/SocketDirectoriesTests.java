package dev.clusteradapter.cluster.ipc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link SocketDirectories}: the socket directories of real hub JVMs
 * ({@link HubProcess}), killed by {@code kill -9} or alive.
 */
class SocketDirectoriesTests {

	@TempDir
	Path tmp;

	private final List<Process> hubs = new ArrayList<>();

	@BeforeEach
	void unixSocketsOnly() {
		assumeTrue(Epoll.isAvailable());
	}

	@AfterEach
	void killHubs() {
		this.hubs.forEach(Process::destroyForcibly);
	}

	@Test
	void directoryOfAKilledPrimaryIsRemovedAtTheNextStart() throws Exception {
		Path killed = startHub();
		Process first = this.hubs.get(0);
		first.destroyForcibly();
		first.waitFor(30, TimeUnit.SECONDS);
		assertThat(killed).as("kill -9 leaves the directory").isDirectory();
		assertThat(killed.resolve("ipc.sock")).exists();
		Path next = startHub();
		assertThat(killed).doesNotExist();
		assertThat(next).isDirectory();
		assertThat(directories()).containsExactly(next);
	}

	@Test
	void directoriesOfLivePrimariesAndUnknownOwnersAreKept() throws Exception {
		Path live = startHub();
		Path unowned = Files.createDirectory(this.tmp.resolve("socketio-ipc-unowned"));
		Files.writeString(unowned.resolve("ipc.sock"), "");
		Path other = Files.createDirectory(this.tmp.resolve("not-ours"));
		Path next = startHub();
		assertThat(directories()).containsExactlyInAnyOrder(live, unowned, next);
		assertThat(live.resolve("ipc.sock")).exists();
		assertThat(unowned.resolve("ipc.sock")).exists();
		assertThat(other).isDirectory();
	}

	private List<Path> directories() throws IOException {
		try (var entries = Files.list(this.tmp)) {
			return entries.filter((entry) -> entry.getFileName().toString().startsWith("socketio-ipc-")).toList();
		}
	}

	/** Starts a hub JVM and returns its socket directory once it listens. */
	private Path startHub() throws IOException {
		Process hub = HubProcess.start(this.tmp);
		this.hubs.add(hub);
		BufferedReader output = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = output.readLine()) != null) {
			if (line.startsWith("endpoint unix:")) {
				return Path.of(line.substring("endpoint unix:".length())).getParent();
			}
		}
		throw new IllegalStateException("The hub exited without listening");
	}

}

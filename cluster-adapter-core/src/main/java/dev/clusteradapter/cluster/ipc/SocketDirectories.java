package dev.clusteradapter.cluster.ipc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The private temporary directories ({@code socketio-ipc-*}) that hold a primary's Unix
 * sockets. Each records its owner, the primary's pid and start time, in a file
 * {@value #OWNER_FILE}, so that a primary that could not clean up (killed by
 * {@code kill -9}) has its directory removed when a primary of the same user starts next.
 * A directory is removed only when its owner process is gone: no process with its pid, or
 * one started at another time (the pid was reused). Directories without an owner record,
 * of another user, or that are links are never touched.
 */
final class SocketDirectories {

	static final String PREFIX = "socketio-ipc-";

	static final String OWNER_FILE = "owner";

	private static final Log logger = LogFactory.getLog(SocketDirectories.class);

	private SocketDirectories() {
	}

	/**
	 * Creates a private (0700) directory under {@code parent}, recording this process as its
	 * owner, after removing the directories of owners that are gone.
	 * @param parent the temporary directory
	 * @return the new directory
	 * @throws IOException when it cannot be created
	 */
	static Path create(Path parent) throws IOException {
		Path directory = Files.createTempDirectory(parent, PREFIX,
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Files.writeString(directory.resolve(OWNER_FILE), owner(ProcessHandle.current()), StandardCharsets.US_ASCII,
				StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		removeAbandoned(parent, uid(directory));
		return directory;
	}

	private static void removeAbandoned(Path parent, Object uid) {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
			for (Path entry : entries) {
				if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && uid.equals(uid(entry)) && isAbandoned(entry)) {
					remove(entry);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// a leftover directory costs a few bytes: never a reason not to start
			logger.debug("Could not look for abandoned IPC socket directories in " + parent, ex);
		}
	}

	private static boolean isAbandoned(Path directory) {
		Path ownerFile = directory.resolve(OWNER_FILE);
		if (!Files.isRegularFile(ownerFile, LinkOption.NOFOLLOW_LINKS)) {
			return false;
		}
		String[] owner;
		try {
			owner = Files.readString(ownerFile, StandardCharsets.US_ASCII).trim().split(" ");
		}
		catch (IOException ex) {
			return false;
		}
		if (owner.length != 2) {
			return false;
		}
		try {
			long pid = Long.parseLong(owner[0]);
			long startMillis = Long.parseLong(owner[1]);
			Optional<ProcessHandle> process = ProcessHandle.of(pid);
			if (process.isEmpty() || !process.get().isAlive()) {
				return true;
			}
			Optional<Instant> started = process.get().info().startInstant();
			return started.isPresent() && startMillis >= 0 && started.get().toEpochMilli() != startMillis;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static void remove(Path directory) {
		try {
			delete(directory);
			logger.info("Removed the IPC socket directory " + directory + " of a primary that is gone");
		}
		catch (IOException ex) {
			logger.debug("Could not remove the abandoned IPC socket directory " + directory, ex);
		}
	}

	/**
	 * Deletes a socket directory with the sockets and owner record in it.
	 * @param directory the directory
	 * @throws IOException when it cannot be deleted
	 */
	static void delete(Path directory) throws IOException {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			for (Path entry : entries) {
				// sockets and the owner file; a subdirectory is not ours, and deleting it fails
				Files.deleteIfExists(entry);
			}
		}
		Files.deleteIfExists(directory);
	}

	/** The owner record: pid and start time in epoch milliseconds ({@code -1} if unknown). */
	static String owner(ProcessHandle process) {
		long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
		return process.pid() + " " + started + "\n";
	}

	private static Object uid(Path path) throws IOException {
		return Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
	}

}

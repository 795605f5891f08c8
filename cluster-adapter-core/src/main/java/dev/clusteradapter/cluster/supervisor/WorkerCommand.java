package dev.clusteradapter.cluster.supervisor;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Command line that starts a worker JVM of the current application: the same java binary,
 * extra JVM options, then {@code -jar <jar>} when the application was launched with
 * {@code java -jar}, otherwise {@code -cp <classpath> <main class>} (as
 * {@code spring-boot:run} and IDEs do), then the application arguments.
 * <p>
 * Carries nothing secret: the command line of a process is visible to every user of the
 * host, so secrets travel in the environment (see {@link WorkerEnvironment}).
 */
public final class WorkerCommand {

	private static final String SPRING_BOOT_LAUNCHER_PACKAGE = "org.springframework.boot.loader.";

	private static final Pattern CLASS_NAME = Pattern
		.compile("(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*\\.)*\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");

	private final List<String> command;

	private final boolean jar;

	private WorkerCommand(List<String> command, boolean jar) {
		this.command = List.copyOf(command);
		this.jar = jar;
	}

	/**
	 * Command for a worker of the application running in this JVM.
	 * @param mainClass main class to use when the application was not launched with
	 * {@code -jar}, or {@code null} to take it from the {@code sun.java.command} property
	 * @param jvmOptions extra JVM options, placed before the class path or jar
	 * @param applicationArguments application arguments, placed last
	 * @return the command
	 * @throws IllegalStateException when the launch style cannot be told
	 */
	public static WorkerCommand ofCurrentJvm(String mainClass, List<String> jvmOptions,
			List<String> applicationArguments) {
		return of(Launch.current(), mainClass, jvmOptions, applicationArguments);
	}

	/**
	 * Command for a worker of an application launched as described.
	 * @param launch how the current JVM was launched
	 * @param mainClass explicit main class, or {@code null}
	 * @param jvmOptions extra JVM options
	 * @param applicationArguments application arguments
	 * @return the command
	 */
	static WorkerCommand of(Launch launch, String mainClass, List<String> jvmOptions,
			List<String> applicationArguments) {
		List<String> command = new ArrayList<>();
		command.add(launch.javaBinary());
		command.addAll(jvmOptions);
		String jarPath = launchedJar(launch);
		if (jarPath != null) {
			command.add("-jar");
			command.add(jarPath);
		}
		else {
			command.add("-cp");
			command.add(launch.classPath());
			command.add(mainClass(launch, mainClass));
		}
		command.addAll(applicationArguments);
		return new WorkerCommand(command, jarPath != null);
	}

	/**
	 * With {@code java -jar app.jar args}, the JVM sets {@code java.class.path} to the jar
	 * alone and {@code sun.java.command} to the jar followed by the arguments. Splitting
	 * {@code sun.java.command} on spaces would break jar paths holding spaces, hence the
	 * prefix test.
	 */
	private static String launchedJar(Launch launch) {
		String classPath = launch.classPath();
		String javaCommand = launch.javaCommand();
		if (classPath == null || javaCommand == null || classPath.isEmpty()
				|| classPath.contains(File.pathSeparator)
				|| !classPath.toLowerCase(Locale.ROOT).endsWith(".jar")) {
			return null;
		}
		return (javaCommand.equals(classPath) || javaCommand.startsWith(classPath + " ")) ? classPath : null;
	}

	private static String mainClass(Launch launch, String explicit) {
		String commandMain = commandMainClass(launch.javaCommand());
		// An exploded Spring Boot archive runs through its launcher; the application's
		// own main class is then not on the class path and only the launcher works.
		if (commandMain != null && commandMain.startsWith(SPRING_BOOT_LAUNCHER_PACKAGE)) {
			return commandMain;
		}
		// An explicit main class beats sun.java.command, which names the test runner or
		// IDE wrapper when the application is started from one.
		if (explicit != null && !explicit.isBlank()) {
			return explicit;
		}
		if (commandMain != null) {
			return commandMain;
		}
		throw new IllegalStateException("Cannot tell the main class of this application from sun.java.command '"
				+ launch.javaCommand() + "': give it explicitly");
	}

	private static String commandMainClass(String javaCommand) {
		if (javaCommand == null || javaCommand.isBlank()) {
			return null;
		}
		String first = javaCommand.strip().split(" ", 2)[0];
		return CLASS_NAME.matcher(first).matches() ? first : null;
	}

	/**
	 * Whether the worker is started with {@code -jar}.
	 * @return {@code true} for {@code -jar}, {@code false} for class path and main class
	 */
	boolean isJar() {
		return this.jar;
	}

	/**
	 * The command line, java binary first.
	 * @return an immutable list
	 */
	public List<String> toList() {
		return this.command;
	}

	@Override
	public String toString() {
		return String.join(" ", this.command);
	}

	/**
	 * How a JVM was launched, as its system properties tell.
	 * @param javaBinary path of the java executable
	 * @param javaCommand value of {@code sun.java.command}: main class or jar, then
	 * arguments; {@code null} on JVMs that do not set it
	 * @param classPath value of {@code java.class.path}
	 */
	record Launch(String javaBinary, String javaCommand, String classPath) {

		static Launch current() {
			String javaBinary = ProcessHandle.current()
				.info()
				.command()
				.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
			return new Launch(javaBinary, System.getProperty("sun.java.command"),
					System.getProperty("java.class.path"));
		}

	}

}

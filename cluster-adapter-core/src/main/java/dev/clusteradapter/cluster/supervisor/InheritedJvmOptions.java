package dev.clusteradapter.cluster.supervisor;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * JVM options of this JVM that its workers can share, as Node's {@code cluster.fork()}
 * passes its {@code execArgv} on: {@code java -Dspring.profiles.active=prod -Xmx1g -jar
 * app.jar} should give workers the same profile and heap. Options that claim a port or a
 * file, which only one process can hold, are left out.
 */
public final class InheritedJvmOptions {

	private static final List<String> EXCLUSIVE_PREFIXES = List.of(
			// a debugger port
			"-agentlib:jdwp", "-Xrunjdwp", "-Xdebug", "-Xnoagent",
			// JMX ports
			"-Dcom.sun.management.jmxremote.port=", "-Dcom.sun.management.jmxremote.rmi.port=",
			// one recording file
			"-XX:StartFlightRecording");

	private InheritedJvmOptions() {
	}

	/**
	 * Options given to this JVM that workers can share.
	 * @return the options, in their order
	 */
	public static List<String> ofCurrentJvm() {
		return shareable(ManagementFactory.getRuntimeMXBean().getInputArguments());
	}

	/**
	 * Filters JVM options down to those that workers can share.
	 * @param inputArguments options as given to a JVM
	 * @return the options, in their order
	 */
	static List<String> shareable(List<String> inputArguments) {
		return inputArguments.stream().filter(InheritedJvmOptions::isShareable).toList();
	}

	private static boolean isShareable(String option) {
		// IntelliJ's launcher agent listens on a port for the IDE's stop button
		if (option.startsWith("-javaagent:") && option.contains("idea_rt.jar")) {
			return false;
		}
		return EXCLUSIVE_PREFIXES.stream().noneMatch(option::startsWith);
	}

}

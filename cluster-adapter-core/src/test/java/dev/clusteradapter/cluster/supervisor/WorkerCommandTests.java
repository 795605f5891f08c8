package dev.clusteradapter.cluster.supervisor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.clusteradapter.cluster.supervisor.WorkerCommand.Launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WorkerCommand}.
 */
class WorkerCommandTests {

	private static final String JAVA = "/opt/jdk/bin/java";

	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-Dfoo=bar");

	private static final List<String> ARGUMENTS = List.of("--server.port=8080", "--spring.profiles.active=prod");

	@Test
	void javaDashJarLaunchStartsWorkersFromTheSameJar() {
		Launch launch = new Launch(JAVA, "target/app.jar --server.port=8080 --spring.profiles.active=prod",
				"target/app.jar");
		WorkerCommand command = WorkerCommand.of(launch, null, JVM_OPTIONS, ARGUMENTS);
		assertThat(command.isJar()).isTrue();
		assertThat(command.toList()).containsExactly(JAVA, "-Xmx256m", "-Dfoo=bar", "-jar", "target/app.jar",
				"--server.port=8080", "--spring.profiles.active=prod");
	}

	@Test
	void javaDashJarLaunchWithoutArgumentsIsDetected() {
		Launch launch = new Launch(JAVA, "/srv/app.jar", "/srv/app.jar");
		assertThat(WorkerCommand.of(launch, null, List.of(), List.of()).toList()).containsExactly(JAVA, "-jar",
				"/srv/app.jar");
	}

	@Test
	void jarPathWithSpacesIsKeptWhole() {
		Launch launch = new Launch(JAVA, "/srv/my apps/app.JAR --debug", "/srv/my apps/app.JAR");
		assertThat(WorkerCommand.of(launch, null, List.of(), List.of("--debug")).toList()).containsExactly(JAVA,
				"-jar", "/srv/my apps/app.JAR", "--debug");
	}

	@Test
	void dashJarWinsOverAnExplicitMainClassWhoseClassesSitInsideTheBootJar() {
		Launch launch = new Launch(JAVA, "app.jar", "app.jar");
		assertThat(WorkerCommand.of(launch, "com.example.App", List.of(), List.of()).toList()).containsExactly(JAVA,
				"-jar", "app.jar");
	}

	@Test
	void classPathLaunchOfSpringBootRunUsesTheMainClassFromTheCommand() {
		String classPath = "/p/target/classes:/m2/spring-boot.jar";
		Launch launch = new Launch(JAVA, "com.example.App --server.port=8080", classPath);
		WorkerCommand command = WorkerCommand.of(launch, null, JVM_OPTIONS, ARGUMENTS);
		assertThat(command.isJar()).isFalse();
		assertThat(command.toList()).containsExactly(JAVA, "-Xmx256m", "-Dfoo=bar", "-cp", classPath,
				"com.example.App", "--server.port=8080", "--spring.profiles.active=prod");
	}

	@Test
	void singleJarOnTheClassPathWithAMainClassIsAClassPathLaunch() {
		Launch launch = new Launch(JAVA, "com.example.App", "lib/app.jar");
		assertThat(WorkerCommand.of(launch, null, List.of(), List.of()).toList()).containsExactly(JAVA, "-cp",
				"lib/app.jar", "com.example.App");
	}

	@Test
	void explicitMainClassWinsOverATestRunnerOrIdeWrapper() {
		Launch launch = new Launch(JAVA, "com.intellij.rt.junit.JUnitStarter -ideVersion5 com.example.AppTests",
				"/p/target/test-classes:/p/target/classes");
		assertThat(WorkerCommand.of(launch, "com.example.App", List.of(), List.of()).toList()).containsExactly(JAVA,
				"-cp", "/p/target/test-classes:/p/target/classes", "com.example.App");
	}

	@Test
	void explicitMainClassIsUsedUnderSurefireWhoseCommandNamesItsBooterJar() {
		Launch launch = new Launch(JAVA, "/tmp/surefire1/surefirebooter1.jar /tmp/surefire1 2026 1.tmp",
				"/p/target/test-classes:/p/target/classes");
		assertThat(WorkerCommand.of(launch, "com.example.App", List.of(), List.of()).toList()).containsExactly(JAVA,
				"-cp", "/p/target/test-classes:/p/target/classes", "com.example.App");
	}

	@Test
	void springBootLauncherOfAnExplodedArchiveWinsOverAnExplicitMainClass() {
		Launch launch = new Launch(JAVA, "org.springframework.boot.loader.launch.JarLauncher --debug", "/srv/app");
		assertThat(WorkerCommand.of(launch, "com.example.App", List.of(), List.of("--debug")).toList())
			.containsExactly(JAVA, "-cp", "/srv/app", "org.springframework.boot.loader.launch.JarLauncher", "--debug");
	}

	@Test
	void missingMainClassIsReported() {
		Launch launch = new Launch(JAVA, null, "/p/classes");
		assertThatIllegalStateException().isThrownBy(() -> WorkerCommand.of(launch, null, List.of(), List.of()))
			.withMessageContaining("main class");
		Launch booter = new Launch(JAVA, "/tmp/surefirebooter.jar x", "/p/classes:/p/lib.jar");
		assertThatIllegalStateException().isThrownBy(() -> WorkerCommand.of(booter, " ", List.of(), List.of()));
	}

	@Test
	void currentJvmUsesItsOwnJavaBinaryAndClassPath() {
		WorkerCommand command = WorkerCommand.ofCurrentJvm(TestWorkerMain.class.getName(), List.of(), List.of("x"));
		List<String> line = command.toList();
		assertThat(Files.isExecutable(Path.of(line.get(0)))).isTrue();
		assertThat(line.subList(1, line.size())).containsExactly("-cp", System.getProperty("java.class.path"),
				TestWorkerMain.class.getName(), "x");
	}

	@Test
	void applicationLaunchedWithDashJarForksWorkersFromItsJar(@TempDir Path directory) throws Exception {
		Path jar = TestProcesses.applicationJar(directory);
		Process primary = TestProcesses.startPrimaryJar(jar, "run");
		try {
			CapturedOutput output = CapturedOutput.follow(primary.getInputStream());
			await().atMost(Duration.ofSeconds(30)).until(() -> output.pidAfter("[worker-1] worker 1 started pid ") > 0);
			long worker = output.pidAfter("[worker-1] worker 1 started pid ");
			List<String> commandLine = List.of(Files.readString(Path.of("/proc", Long.toString(worker), "cmdline"))
				.split("\0"));
			assertThat(commandLine).containsSubsequence("-jar", jar.toString(), "run").doesNotContain("-cp");
		}
		finally {
			primary.destroy();
			primary.waitFor();
		}
	}

}

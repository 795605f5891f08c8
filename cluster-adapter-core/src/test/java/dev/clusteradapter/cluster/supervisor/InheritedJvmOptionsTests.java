package dev.clusteradapter.cluster.supervisor;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InheritedJvmOptions}.
 */
class InheritedJvmOptionsTests {

	@Test
	void keepsPropertiesHeapAndAgentsInTheirOrder() {
		List<String> options = List.of("-Dspring.profiles.active=prod", "-Xmx1g", "-javaagent:/opt/otel.jar",
				"-XX:+UseG1GC", "-Dfile.encoding=UTF-8");
		assertThat(InheritedJvmOptions.shareable(options)).isEqualTo(options);
	}

	@Test
	void dropsOptionsThatClaimAPortOrAFile() {
		List<String> options = List.of("-Xmx512m",
				"-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005",
				"-Xrunjdwp:transport=dt_socket,address=8000", "-Dcom.sun.management.jmxremote.port=9010",
				"-Dcom.sun.management.jmxremote.rmi.port=9011", "-Dcom.sun.management.jmxremote.ssl=false",
				"-XX:StartFlightRecording=filename=app.jfr",
				"-javaagent:/opt/idea/lib/idea_rt.jar=41234:/opt/idea/bin", "-Dspring.output.ansi.enabled=always");
		assertThat(InheritedJvmOptions.shareable(options)).containsExactly("-Xmx512m",
				"-Dcom.sun.management.jmxremote.ssl=false", "-Dspring.output.ansi.enabled=always");
	}

}

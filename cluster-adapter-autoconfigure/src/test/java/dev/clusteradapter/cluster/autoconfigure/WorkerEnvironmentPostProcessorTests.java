package dev.clusteradapter.cluster.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WorkerEnvironmentPostProcessor}.
 */
class WorkerEnvironmentPostProcessorTests {

	private final WorkerEnvironmentPostProcessor postProcessor = new WorkerEnvironmentPostProcessor();

	@Test
	void workerDoesNotStartTheWebServer() {
		MockEnvironment environment = new MockEnvironment().withProperty("socketio.cluster.role", "worker");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
	}

	@Test
	void workerMayOptIntoTheWebServer() {
		MockEnvironment environment = new MockEnvironment().withProperty("socketio.cluster.role", "worker")
			.withProperty("socketio.cluster.worker.web", "true");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isNull();
		assertThat(environment.getProperty("server.port")).isEqualTo("0");
	}

	@Test
	void primaryKeepsTheWebServer() {
		MockEnvironment environment = new MockEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isNull();
	}

	@Test
	void disabledStarterLeavesEvenAWorkersEnvironmentAlone() {
		MockEnvironment environment = new MockEnvironment().withProperty("socketio.cluster.role", "worker")
			.withProperty("socketio.cluster.enabled", "false");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isNull();
		assertThat(environment.getPropertySources().contains(WorkerEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
	}

}

package dev.clusteradapter.cluster.autoconfigure.endpoint;

import dev.clusteradapter.cluster.autoconfigure.SocketIoClusterAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIoClusterEndpointAutoConfiguration}.
 */
class SocketIoClusterEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoClusterAutoConfiguration.class,
				SocketIoClusterEndpointAutoConfiguration.class))
		.withPropertyValues("socketio.cluster.port=0", "socketio.cluster.host=127.0.0.1", "socketio.cluster.workers=0");

	@Test
	void primaryHasTheEndpoint() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SocketIoClusterEndpoint.class);
			assertThat(context.getBean(SocketIoClusterEndpoint.class).cluster().role()).isEqualTo("primary");
		});
	}

	@Test
	void standaloneHasTheEndpoint() {
		this.contextRunner.withPropertyValues("socketio.cluster.role=standalone")
			.run((context) -> assertThat(context.getBean(SocketIoClusterEndpoint.class).cluster().role())
				.isEqualTo("standalone"));
	}

	@Test
	void absentWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SocketIoClusterEndpoint.class));
	}

	@Test
	void absentWithoutACluster() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SocketIoClusterEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SocketIoClusterEndpoint.class));
	}

	@Test
	void userEndpointBacksOff() {
		SocketIoClusterEndpoint own = new SocketIoClusterEndpoint(null, null);
		this.contextRunner.withBean(SocketIoClusterEndpoint.class, () -> own)
			.run((context) -> assertThat(context.getBean(SocketIoClusterEndpoint.class)).isSameAs(own));
	}

}

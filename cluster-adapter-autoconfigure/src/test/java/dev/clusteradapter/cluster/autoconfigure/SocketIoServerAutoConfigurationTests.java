package dev.clusteradapter.cluster.autoconfigure;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.Transport;
import org.junit.jupiter.api.Test;

import dev.clusteradapter.cluster.SocketTransport;
import dev.clusteradapter.cluster.server.ClusteredSocketIOServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIoServerAutoConfiguration}.
 */
class SocketIoServerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoServerAutoConfiguration.class))
		.withPropertyValues("socketio.server.port=0");

	@Test
	void primaryRunsNoSocketIoServer() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SocketIOServer.class));
	}

	@Test
	void standaloneRunsAServerWithSafeDefaults() {
		this.contextRunner.withPropertyValues("socketio.cluster.role=standalone").run((context) -> {
			assertThat(context).hasSingleBean(SocketIOServer.class).hasSingleBean(SocketIoServerLifecycle.class);
			Configuration configuration = context.getBean(Configuration.class);
			assertThat(configuration.isWebsocketCompression()).isFalse();
			assertThat(configuration.isRandomSession()).isTrue();
			assertThat(configuration.getSocketConfig().isReuseAddress()).isTrue();
			assertThat(configuration.getMaxHttpContentLength()).isEqualTo(1536 * 1024);
			assertThat(configuration.getMaxFramePayloadLength()).isEqualTo(1024 * 1024);
			assertThat(configuration.getHostname()).isEqualTo("127.0.0.1");
			// the property's default (literal, for the IDE metadata) is the library's own
			assertThat(context.getBean(ClusteredSocketIOServer.class).getMaxOutboundBuffer())
				.isEqualTo(ClusteredSocketIOServer.DEFAULT_MAX_OUTBOUND_BUFFER)
				.isEqualTo(1024 * 1024);
			// started: the transport auto stands for here
			assertThat(context.getBean(SocketIoServerProperties.class).getNettyTransport()).isEqualTo(SocketTransport.AUTO);
			assertThat(context.getBean(ClusteredSocketIOServer.class).getTransport())
				.isEqualTo(SocketTransport.AUTO.resolve());
		});
	}

	@Test
	void workerRunsAServerOnAFreePortByDefault() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIoServerAutoConfiguration.class))
			.withPropertyValues("socketio.cluster.role=worker")
			.run((context) -> assertThat(context.getBean(Configuration.class).getPort()).isZero());
	}

	@Test
	void aLaunchedWorkerServesWithItsShareOfTheProcessors() {
		int processors = Runtime.getRuntime().availableProcessors();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIoServerAutoConfiguration.class))
			.withPropertyValues("socketio.cluster.role=worker", "SOCKETIO_CLUSTER_PRIMARY_PID=1",
					"socketio.cluster.workers=" + processors * 2)
			.run((context) -> assertThat(context.getBean(Configuration.class).getWorkerThreads()).isEqualTo(1));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIoServerAutoConfiguration.class))
			.withPropertyValues("socketio.cluster.role=worker", "SOCKETIO_CLUSTER_PRIMARY_PID=1", "socketio.cluster.workers=1")
			.run((context) -> assertThat(context.getBean(Configuration.class).getWorkerThreads()).isEqualTo(processors));
	}

	@Test
	void externalWorkersAndExplicitSettingsKeepTheirThreads() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIoServerAutoConfiguration.class))
			.withPropertyValues("socketio.cluster.role=worker", "socketio.cluster.workers=64")
			.run((context) -> assertThat(context.getBean(Configuration.class).getWorkerThreads()).isZero());
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIoServerAutoConfiguration.class))
			.withPropertyValues("socketio.cluster.role=worker", "SOCKETIO_CLUSTER_PRIMARY_PID=1",
					"socketio.cluster.workers=64", "socketio.server.worker-threads=3")
			.run((context) -> assertThat(context.getBean(Configuration.class).getWorkerThreads()).isEqualTo(3));
	}

	@Test
	void standaloneServesOnTheClusterPortByDefault() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIoServerAutoConfiguration.class))
			.withPropertyValues("socketio.cluster.role=standalone", "socketio.cluster.port=4321")
			.run((context) -> assertThat(context.getBean(Configuration.class).getPort()).isEqualTo(4321));
	}

	@Test
	void bindsServerProperties() {
		this.contextRunner
			.withPropertyValues("socketio.cluster.role=worker", "socketio.server.ping-interval=7s",
					"socketio.server.ping-timeout=3s", "socketio.server.max-frame-payload-length=2MB",
					"socketio.server.transports=websocket", "socketio.server.origin=http://example.test",
					"socketio.server.websocket-compression=true", "socketio.server.max-outbound-buffer=256KB",
					"socketio.server.netty-transport=io-uring")
			.run((context) -> {
				Configuration configuration = context.getBean(Configuration.class);
				assertThat(configuration.getPingInterval()).isEqualTo(7000);
				assertThat(configuration.getPingTimeout()).isEqualTo(3000);
				assertThat(configuration.getMaxFramePayloadLength()).isEqualTo(2 * 1024 * 1024);
				assertThat(configuration.getTransports()).containsExactly(Transport.WEBSOCKET);
				assertThat(configuration.getOrigin()).isEqualTo("http://example.test");
				assertThat(configuration.isWebsocketCompression()).isTrue();
				assertThat(context.getBean(ClusteredSocketIOServer.class).getMaxOutboundBuffer()).isEqualTo(256 * 1024);
				assertThat(context.getBean(ClusteredSocketIOServer.class).getTransport())
					.isEqualTo(SocketTransport.IO_URING);
			});
	}

	@Test
	void customizersApplyInOrder() {
		this.contextRunner.withPropertyValues("socketio.cluster.role=standalone")
			.withBean(SocketIoConfigurationCustomizer.class, () -> (configuration) -> configuration.setPingInterval(1234))
			.withBean(SocketIoServerCustomizer.class, () -> (server) -> server.addNamespace("/chat"))
			.run((context) -> {
				assertThat(context.getBean(Configuration.class).getPingInterval()).isEqualTo(1234);
				assertThat(context.getBean(SocketIOServer.class).getNamespace("/chat")).isNotNull();
			});
	}

	@Test
	void userServerBacksOff() {
		this.contextRunner.withPropertyValues("socketio.cluster.role=standalone")
			.withUserConfiguration(UserServerConfiguration.class)
			.run((context) -> assertThat(context.getBean(SocketIOServer.class))
				.isSameAs(context.getBean(UserServerConfiguration.class).server));
	}

	static class UserServerConfiguration {

		final SocketIOServer server;

		UserServerConfiguration() {
			Configuration configuration = new Configuration();
			configuration.setHostname("127.0.0.1");
			configuration.setPort(0);
			this.server = new SocketIOServer(configuration);
		}

		@Bean
		SocketIOServer userServer() {
			return this.server;
		}

	}

}

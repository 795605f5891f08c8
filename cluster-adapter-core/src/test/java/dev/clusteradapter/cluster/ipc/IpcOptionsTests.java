package dev.clusteradapter.cluster.ipc;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link IpcOptions}.
 */
class IpcOptionsTests {

	private final IpcSecret secret = IpcSecret.generate();

	@Test
	void defaults() {
		IpcOptions options = IpcOptions.builder(this.secret).build();
		assertThat(options.transport()).isEqualTo(IpcTransport.AUTO);
		assertThat(options.socketDirectory()).isNull();
		assertThat(options.host()).isEqualTo("127.0.0.1");
		assertThat(options.port()).isZero();
		assertThat(options.maxFrameSize()).isEqualTo(16 * 1024 * 1024);
		assertThat(options.outboundQueueLimit()).isEqualTo(16 * 1024 * 1024);
		assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(options.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.authTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.toBuilder().build()).isEqualTo(options);
	}

	@Test
	void inconsistentSettingsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> IpcOptions.builder(this.secret)
			.heartbeatInterval(Duration.ofSeconds(5))
			.heartbeatTimeout(Duration.ofSeconds(5))
			.build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> IpcOptions.builder(this.secret).maxFrameSize(1 << 20).outboundQueueLimit(1 << 19).build());
		assertThatIllegalArgumentException().isThrownBy(() -> IpcOptions.builder(this.secret).maxFrameSize(10).build());
		assertThatIllegalArgumentException().isThrownBy(() -> IpcOptions.builder(this.secret).port(70000).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> IpcOptions.builder(this.secret).authTimeout(Duration.ZERO).build());
	}

}

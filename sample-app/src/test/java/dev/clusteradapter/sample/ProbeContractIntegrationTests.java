package dev.clusteradapter.sample;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of the probe contract, then 1000 sequential and 1000 concurrent WebSocket
 * connects, through the primary's public port, against real worker JVMs, driven by the
 * official JavaScript client, in each sticky mode.
 */
class ProbeContractIntegrationTests {

	@ParameterizedTest
	@ValueSource(strings = { "handover", "relay" })
	void everyRowWorksAcrossWorkersAndNoConnectFails(String mode) throws Exception {
		try (SampleCluster cluster = SampleCluster.start("probe-" + mode, "--socketio.cluster.sticky.mode=" + mode)
			.awaitServing(2)) {
			NodeScript run = NodeScript.run("probe-contract.js", cluster.socketUrl());
			assertThat(run.output()).doesNotContain("not ok").contains("30 passed, 0 failed");
			assertThat(run.exitCode()).isZero();
			NodeScript storm = NodeScript.run("connect-storm.js", cluster.socketUrl(), "1000");
			assertThat(storm.output()).contains("2 passed, 0 failed");
			assertThat(storm.exitCode()).isZero();
		}
	}

}

package dev.clusteradapter.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Settings}: the Redis suite's warm-up before each fleet's first fan-out window.
 */
class SettingsTests {

	private static final String[] JARS = { "--sample-jar", "sample.jar", "--benchmarks-jar", "benchmarks.jar" };

	@Test
	void theRedisSuiteWarmsEveryFleetLongEnoughForItsJitByDefault() {
		assertThat(parse("--redis").warmUpSeconds()).isEqualTo(Settings.WARM_UP_SECONDS).isGreaterThanOrEqualTo(30);
		assertThat(parse("--redis", "--quick").warmUpSeconds()).isEqualTo(10);
	}

	@Test
	void theWarmUpIsConfigurable() {
		assertThat(parse("--redis", "--warm-up-seconds", "45").warmUpSeconds()).isEqualTo(45);
		assertThat(parse("--redis", "--quick", "--warm-up-seconds", "0").warmUpSeconds()).isZero();
	}

	@Test
	void aWarmUpThatIsNoDurationIsRefusedWithTheOptionNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--redis", "--warm-up-seconds", "long"))
			.withMessageContaining("--warm-up-seconds");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--redis", "--warm-up-seconds", "-1"))
			.withMessageContaining("--warm-up-seconds");
	}

	private static Settings parse(String... options) {
		String[] args = new String[options.length + JARS.length];
		System.arraycopy(options, 0, args, 0, options.length);
		System.arraycopy(JARS, 0, args, options.length, JARS.length);
		return Settings.parse(args);
	}

}

package dev.clusteradapter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chat page served by the real sample cluster, used by two people in headless Chromium
 * ({@code js-clients/chat-browser.js}) whose pages are served by different workers.
 */
class ChatPageIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path JS_CLIENTS = Path.of("..", "js-clients").toAbsolutePath().normalize();

	private static SampleCluster cluster;

	@BeforeAll
	static void startCluster() throws Exception {
		// a developer without Chromium may skip; CI installs it and must run this
		assumeTrue(Files.isExecutable(CHROMIUM) || "true".equals(System.getenv("CI")),
				CHROMIUM + " is missing (apt-get install -y chromium)");
		cluster = SampleCluster.start("chat-page").awaitServing(2);
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void configPointsThePageAtTheBoundSocketIoPort() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(cluster.baseUrl() + "/config")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body())
			.isEqualTo("{\"socketUrl\":\"http://127.0.0.1:" + cluster.clusterPort().orElseThrow() + "\"}");
	}

	@Test
	void twoUsersOnDifferentWorkersChatThroughThePage() throws Exception {
		Path screenshot = Path.of("target", "chat-page.png").toAbsolutePath();
		Path log = Path.of("target", "chat-browser.log").toAbsolutePath();
		Files.deleteIfExists(screenshot);
		Process browser = new ProcessBuilder("node", "chat-browser.js", cluster.baseUrl(), screenshot.toString())
			.directory(JS_CLIENTS.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean exited = browser.waitFor(3, TimeUnit.MINUTES);
		if (!exited) {
			browser.destroyForcibly();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(exited).as(output).isTrue();
		assertThat(output).contains("ok - the two users are served by different workers")
			.containsPattern("(?m)^\\d+ passed, 0 failed$")
			.doesNotContain("not ok");
		assertThat(browser.exitValue()).as(output).isZero();
		assertThat(screenshot).isRegularFile().isNotEmptyFile();
	}

}

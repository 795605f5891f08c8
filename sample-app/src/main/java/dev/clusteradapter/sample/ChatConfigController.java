package dev.clusteradapter.sample;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the chat page where the cluster's public Socket.IO port is, at the host the page
 * itself was loaded from.
 */
@RestController
class ChatConfigController {

	private final Environment environment;

	ChatConfigController(Environment environment) {
		this.environment = environment;
	}

	@GetMapping("/config")
	Map<String, String> config(HttpServletRequest request) {
		// the bound port, which differs from the configured one when that is 0
		String port = this.environment.getProperty("local.socketio.cluster.port",
				this.environment.getProperty("socketio.cluster.port", "3000"));
		return Map.of("socketUrl", "http://" + request.getServerName() + ":" + port);
	}

}

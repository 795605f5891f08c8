package dev.clusteradapter.sample;

import java.net.InetSocketAddress;
import java.util.Map;

import dev.clusteradapter.cluster.node.PrimaryNode;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the chat page where the cluster's public Socket.IO port is, at the host the page
 * itself was loaded from.
 */
@RestController
class ChatConfigController {

	private final ObjectProvider<PrimaryNode> primary;

	private final int configuredPort;

	ChatConfigController(ObjectProvider<PrimaryNode> primary, @Value("${socketio.cluster.port:3000}") int configuredPort) {
		this.primary = primary;
		this.configuredPort = configuredPort;
	}

	@GetMapping("/config")
	Map<String, String> config(HttpServletRequest request) {
		return Map.of("socketUrl", "http://" + request.getServerName() + ":" + socketPort());
	}

	// the configured port may be 0 (any free port): the bound one is what the page needs
	private int socketPort() {
		PrimaryNode node = this.primary.getIfAvailable();
		InetSocketAddress bound = (node != null) ? node.publicAddress() : null;
		return (bound != null) ? bound.getPort() : this.configuredPort;
	}

}

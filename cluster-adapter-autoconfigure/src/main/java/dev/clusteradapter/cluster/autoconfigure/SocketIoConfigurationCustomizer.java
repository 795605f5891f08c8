package dev.clusteradapter.cluster.autoconfigure;

import com.corundumstudio.socketio.Configuration;

/**
 * Callback that customizes the netty-socketio {@link Configuration} before the server is
 * built from it.
 */
@FunctionalInterface
public interface SocketIoConfigurationCustomizer {

	/**
	 * Customizes the configuration.
	 * @param configuration the configuration, already set from socketio.server.* properties
	 */
	void customize(Configuration configuration);

}

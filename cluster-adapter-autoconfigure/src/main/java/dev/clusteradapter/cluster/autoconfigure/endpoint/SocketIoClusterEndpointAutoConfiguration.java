package dev.clusteradapter.cluster.autoconfigure.endpoint;

import dev.clusteradapter.cluster.ClusterBus;
import dev.clusteradapter.cluster.autoconfigure.ConditionalOnClusterEnabled;
import dev.clusteradapter.cluster.autoconfigure.SocketIoClusterAutoConfiguration;
import dev.clusteradapter.cluster.node.PrimaryNode;
import dev.clusteradapter.cluster.node.WorkerNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code socketiocluster} Actuator endpoint. Whether it is
 * reachable over HTTP or JMX is Actuator's exposure settings' decision.
 */
@AutoConfiguration(after = SocketIoClusterAutoConfiguration.class)
@ConditionalOnClusterEnabled
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(ClusterBus.class)
public final class SocketIoClusterEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SocketIoClusterEndpoint socketIoClusterEndpoint(ObjectProvider<PrimaryNode> primary,
			ObjectProvider<WorkerNode> worker) {
		return new SocketIoClusterEndpoint(primary.getIfAvailable(), worker.getIfAvailable());
	}

}

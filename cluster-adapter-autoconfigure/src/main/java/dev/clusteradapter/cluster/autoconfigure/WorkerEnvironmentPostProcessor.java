package dev.clusteradapter.cluster.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import dev.clusteradapter.cluster.ClusterRole;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps a worker quiet and off the application's web port: web endpoints and Actuator live on the
 * primary, and N workers binding server.port would collide. Opt back in with
 * {@code socketio.cluster.worker.web=true}.
 */
public class WorkerEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "socketioClusterWorker";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (OnClusterRoleCondition.roleOf(environment) != ClusterRole.WORKER) {
			return;
		}
		Map<String, Object> properties = new HashMap<>();
		// the primary's log already shows the banner once
		properties.put("spring.main.banner-mode", "off");
		if (!Binder.get(environment).bind("socketio.cluster.worker.web", Boolean.class).orElse(false)) {
			properties.put("spring.main.web-application-type", "none");
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

	@Override
	public int getOrder() {
		// after the config data (application.properties) has been loaded
		return Ordered.LOWEST_PRECEDENCE;
	}

}

package dev.clusteradapter.cluster.autoconfigure;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.clusteradapter.cluster.ClusterRole;
import dev.clusteradapter.cluster.supervisor.ParentWatch;
import dev.clusteradapter.cluster.supervisor.WorkerEnvironment;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Prepares a worker's environment: starts a forked worker's watch on its primary, turns
 * the banner off, and keeps the worker off the application's web port (web endpoints and
 * Actuator live on the primary, and N workers binding server.port would collide). With
 * {@code socketio.cluster.worker.web=true} a worker serves the web on a free port instead.
 */
public class WorkerEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "socketioClusterWorker";

	private static final AtomicBoolean PARENT_WATCH_STARTED = new AtomicBoolean();

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!Binder.get(environment).bind(ConditionalOnClusterEnabled.PROPERTY, Boolean.class).orElse(true)
				|| OnClusterRoleCondition.roleOf(environment) != ClusterRole.WORKER) {
			return;
		}
		watchParent();
		Map<String, Object> properties = new HashMap<>();
		// the primary's log already shows the banner once
		properties.put("spring.main.banner-mode", "off");
		if (!Binder.get(environment).bind("socketio.cluster.worker.web", Boolean.class).orElse(false)) {
			properties.put("spring.main.web-application-type", "none");
		}
		else {
			// workers share the primary's configuration, server.port included: N workers
			// cannot all bind it
			properties.put("server.port", "0");
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

	/**
	 * A forked worker ends with its primary, or when its primary stops it, also while it is
	 * still starting: the watch begins here, the earliest point of the application's start,
	 * and ends the JVM through System.exit (status 0 for a requested stop, 75 when the
	 * primary is gone), whose shutdown hook closes whatever context exists by then. A
	 * standby learns here the worker id its primary adopts it as.
	 */
	private static void watchParent() {
		if (WorkerEnvironment.isForkedWorker() && PARENT_WATCH_STARTED.compareAndSet(false, true)) {
			ParentWatch.start((reason) -> {
				// a standby waiting to be adopted stops waiting, so its application can close
				StandbyAdoption.workerId().completeExceptionally(new IllegalStateException("Leaving: " + reason));
				System.exit((reason == ParentWatch.Reason.STOP_REQUESTED) ? 0
						: SocketIoClusterAutoConfiguration.PRIMARY_LOST_EXIT_STATUS);
			}, StandbyAdoption.workerId()::complete, ParentWatch.DEFAULT_EXIT_DEADLINE);
		}
	}

	@Override
	public int getOrder() {
		// after the config data (application.properties) has been loaded
		return Ordered.LOWEST_PRECEDENCE;
	}

}

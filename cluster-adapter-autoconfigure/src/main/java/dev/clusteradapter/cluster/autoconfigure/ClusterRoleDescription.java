package dev.clusteradapter.cluster.autoconfigure;

import java.util.Locale;

import dev.clusteradapter.cluster.ClusterRole;
import dev.clusteradapter.cluster.supervisor.WorkerEnvironment;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The log line that says, as the cluster starts, what this process became and why: a
 * primary forks worker JVMs, which nobody should learn of by surprise (in a test, say).
 */
final class ClusterRoleDescription {

	private static final String WORKERS = "socketio.cluster.workers";

	private ClusterRoleDescription() {
	}

	/**
	 * Describes this process's part in the cluster.
	 * @param environment the application's environment
	 * @param properties the cluster properties
	 * @return for example {@code "Socket.IO cluster: primary (socketio.cluster.role=auto, not
	 * started by a primary), starting 2 worker JVMs (socketio.cluster.workers=2); turn it off
	 * with socketio.cluster.enabled=false"}
	 */
	static String of(Environment environment, ClusterProperties properties) {
		ClusterRole configured = properties.getRole();
		boolean startedByPrimary = OnClusterRoleCondition.startedByPrimary(environment);
		ClusterRole role = configured.resolve(startedByPrimary);
		String why;
		if (OnClusterRoleCondition.isStandby(environment)) {
			why = "started by its primary as its standby, to be adopted as a worker that ends";
		}
		else if (startedByPrimary) {
			why = "started by its primary as worker " + environment.getProperty(WorkerEnvironment.WORKER_ID);
		}
		else {
			why = "socketio.cluster.role=" + name(configured) + ((configured == ClusterRole.AUTO) ? ", not started by a primary" : "");
		}
		String line = "Socket.IO cluster: " + name(role) + " (" + why + ")";
		return switch (role) {
			case PRIMARY -> line + ", " + workers(environment, properties) + "; turn it off with "
					+ ConditionalOnClusterEnabled.PROPERTY + "=false";
			case STANDALONE -> line + ", serving Socket.IO clients itself, no workers";
			default -> line;
		};
	}

	private static String workers(Environment environment, ClusterProperties properties) {
		int workers = properties.getWorkers();
		if (workers == 0) {
			return "waiting for external workers (" + WORKERS + "=0)";
		}
		boolean configured = Binder.get(environment).bind(WORKERS, Integer.class).isBound();
		return "starting " + workers + " worker JVM" + ((workers == 1) ? "" : "s") + " ("
				+ (configured ? WORKERS + "=" + workers : WORKERS + " unset: one per available processor") + ")";
	}

	private static String name(ClusterRole role) {
		return role.name().toLowerCase(Locale.ROOT);
	}

}

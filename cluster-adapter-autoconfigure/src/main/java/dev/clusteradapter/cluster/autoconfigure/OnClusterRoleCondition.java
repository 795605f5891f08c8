package dev.clusteradapter.cluster.autoconfigure;

import java.util.Arrays;

import dev.clusteradapter.cluster.ClusterRole;
import dev.clusteradapter.cluster.supervisor.WorkerEnvironment;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnClusterRole}.
 */
class OnClusterRoleCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ClusterRole[] roles = (ClusterRole[]) metadata.getAnnotationAttributes(ConditionalOnClusterRole.class.getName())
			.get("value");
		ClusterRole role = roleOf(context.getEnvironment());
		boolean match = Arrays.asList(roles).contains(role);
		String message = "cluster role " + role + (match ? " is one of " : " is not one of ") + Arrays.toString(roles);
		return match ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
	}

	static ClusterRole roleOf(Environment environment) {
		ClusterRole configured = Binder.get(environment)
			.bind("socketio.cluster.role", ClusterRole.class)
			.orElse(ClusterRole.AUTO);
		return configured.resolve(startedByPrimary(environment));
	}

	/**
	 * Whether a primary launched this process as its worker or its standby.
	 * @param environment the application's environment
	 * @return {@code true} for a worker or a standby that a primary launched
	 */
	static boolean startedByPrimary(Environment environment) {
		// a standby is a forked worker still without its id
		return environment.containsProperty(WorkerEnvironment.WORKER_ID) || isStandby(environment);
	}

	/**
	 * Whether a primary launched this process as its standby.
	 * @param environment the application's environment
	 * @return {@code true} for a standby
	 */
	static boolean isStandby(Environment environment) {
		return "true".equals(environment.getProperty(WorkerEnvironment.STANDBY));
	}

}

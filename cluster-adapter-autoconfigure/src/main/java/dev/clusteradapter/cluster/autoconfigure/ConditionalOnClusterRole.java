package dev.clusteradapter.cluster.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.clusteradapter.cluster.ClusterRole;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when this process plays one of the given roles; {@link ClusterRole#AUTO} is a
 * worker when a primary started this process, else a primary.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnClusterRoleCondition.class)
public @interface ConditionalOnClusterRole {

	/**
	 * Roles that match.
	 * @return the roles
	 */
	ClusterRole[] value();

}

package dev.clusteradapter.cluster.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Matches unless {@code socketio.cluster.enabled} is {@code false}: with it off, the starter
 * configures nothing (no primary, workers or Socket.IO server), as a {@code @SpringBootTest}
 * of an application that has the starter on its class path may want.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnBooleanProperty(name = ConditionalOnClusterEnabled.PROPERTY, matchIfMissing = true)
public @interface ConditionalOnClusterEnabled {

	/** The property that turns the starter off. */
	String PROPERTY = "socketio.cluster.enabled";

}

/**
 * Actuator health of the Socket.IO cluster.
 */
package dev.clusteradapter.cluster.autoconfigure.health;

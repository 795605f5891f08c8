/**
 * Actuator endpoint describing the Socket.IO cluster.
 */
package dev.clusteradapter.cluster.autoconfigure.endpoint;
